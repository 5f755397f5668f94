namespace HealthHomes.Fhir.Storage;

/// <summary>
/// The reads of a store or write-session decorator: each goes, unchanged, to the reader it wraps (<see cref="Inner"/>),
/// so a decorator writes only what it changes (its writes, its commit).
/// </summary>
public abstract class ForwardingReader<TInner>(TInner inner) : IResourceReader
    where TInner : IResourceReader
{
    protected TInner Inner { get; } = inner;

    public Task<StoredResource?> ReadAsync(string resourceType, string id, AccessFilter access, CancellationToken ct = default) => Inner.ReadAsync(resourceType, id, access, ct);

    public Task<StoredResource?> VReadAsync(string resourceType, string id, int versionId, AccessFilter access, CancellationToken ct = default) => Inner.VReadAsync(resourceType, id, versionId, access, ct);

    public Task<SearchResult> SearchAsync(SearchRequest request, AccessFilter access, CancellationToken ct = default) => Inner.SearchAsync(request, access, ct);

    public Task<HistoryPage> HistoryAsync(HistoryRequest request, AccessFilter access, CancellationToken ct = default) => Inner.HistoryAsync(request, access, ct);

    public Task<IReadOnlyList<StoredResource>> VersionsAsync(string resourceType, IReadOnlyCollection<string> ids, AccessFilter access, CancellationToken ct = default)
        => Inner.VersionsAsync(resourceType, ids, access, ct);
}
