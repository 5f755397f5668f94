using Resource = Hl7.Fhir.Model.Resource;

namespace HealthHomes.Fhir.Storage;

/// <summary>
/// Reads of the versioned store. Every method takes the caller's <see cref="AccessFilter"/>, applied inside the query.
/// </summary>
public interface IResourceReader
{
    /// <summary>The current version, including a deletion tombstone (https://hl7.org/fhir/R4/http.html#read).</summary>
    Task<StoredResource?> ReadAsync(string resourceType, string id, AccessFilter access, CancellationToken ct = default);

    /// <summary>One version (https://hl7.org/fhir/R4/http.html#vread).</summary>
    Task<StoredResource?> VReadAsync(string resourceType, string id, int versionId, AccessFilter access, CancellationToken ct = default);

    /// <summary>Search over the write-time index (https://hl7.org/fhir/R4/search.html).</summary>
    Task<SearchResult> SearchAsync(SearchRequest request, AccessFilter access, CancellationToken ct = default);

    /// <summary>History at instance, type or system level (https://hl7.org/fhir/R4/http.html#history).</summary>
    Task<HistoryPage> HistoryAsync(HistoryRequest request, AccessFilter access, CancellationToken ct = default);

    /// <summary>
    /// Every version (deletion tombstones included) of the resources of one type with these ids, in one read: grouped by
    /// resource, oldest version first. For bulk reads such as the histories of a batch of members' referrals.
    /// </summary>
    Task<IReadOnlyList<StoredResource>> VersionsAsync(string resourceType, IReadOnlyCollection<string> ids, AccessFilter access, CancellationToken ct = default);
}

/// <summary>The versioned resource store: every version kept, each write session one database transaction.</summary>
public interface IResourceStore : IResourceReader
{
    /// <summary>
    /// Starts a write session holding the store's write lock until it is committed or disposed. Reads and searches
    /// made through the session see its own uncommitted writes; nothing is visible to others before
    /// <see cref="IWriteSession.CommitAsync"/>, and disposing without committing rolls everything back.
    /// </summary>
    Task<IWriteSession> BeginWriteAsync(CancellationToken ct = default);
}

/// <summary>One atomic unit of writes (a single interaction, or a whole transaction Bundle).</summary>
public interface IWriteSession : IResourceReader, IAsyncDisposable
{
    /// <summary>
    /// Cancelled when the session has held the write lock for Storage:MaxWriteSeconds. Work done inside the session
    /// (outside the store's own calls) should observe it; the session's own calls then fail with
    /// <see cref="WriteTimeoutException"/>, and disposing rolls back and releases the lock.
    /// </summary>
    CancellationToken Expiry { get; }

    /// <summary>
    /// Writes a new version of <paramref name="resource"/> (which must carry its id): version 1 for a new id, else
    /// the current version + 1 (a re-created deleted resource continues its numbering). Sets resource.Meta.VersionId
    /// and LastUpdated, stores the JSON and rewrites the search index rows, all in this session's transaction.
    /// </summary>
    /// <param name="expectedVersion">When set, the current version must equal it, else <see cref="VersionConflictException"/>.</param>
    /// <param name="index">
    /// The resource's index rows when the caller extracted them before taking the lock (<see cref="Indexing.ResourceIndexer"/>
    /// over this same content; id and meta.versionId/lastUpdated do not enter the rows); null: extracted here.
    /// </param>
    Task<StoredResource> WriteAsync(Resource resource, int? expectedVersion, Indexing.ResourceIndexEntries? index = null, CancellationToken ct = default);

    /// <summary>Writes a deletion tombstone as a new version and removes the index rows. Returns null when there was nothing to delete.</summary>
    Task<StoredResource?> DeleteAsync(string resourceType, string id, int? expectedVersion, CancellationToken ct = default);

    Task CommitAsync(CancellationToken ct = default);
}

/// <summary>
/// Write sessions for the server's own start-up work (before any request is served), which the per-request hold limit
/// (Storage:MaxWriteSeconds) does not bound.
/// </summary>
public interface IStartupWrites
{
    Task<IWriteSession> BeginStartupWriteAsync(CancellationToken ct = default);
}
