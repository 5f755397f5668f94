using System.Text.Json;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using Hl7.Fhir.Serialization;
using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Search;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, readers in parallel, one writer at a time. Writers in this
/// process queue on an async gate instead of spinning on SQLite's busy lock.
/// </summary>
public sealed class SqliteResourceStore(SqliteDatabase database, SearchParameterRegistry registry) : IResourceStore, IStartupWrites, IDisposable
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { MaxDepth = StoredJson.MaxDepth }.ForFhir(ModelInfo.ModelInspector);
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private readonly ResourceIndexer _indexer = new(registry) { MaxRowsPerResource = database.MaxIndexRowsPerResource };
    private readonly SearchExecutor _search = new(registry);

    public SearchParameterRegistry Registry => registry;

    /// <summary>The store's index extraction (Storage:MaxIndexRowsPerResource applied), for writers that extract before the lock.</summary>
    public ResourceIndexer Indexer => _indexer;

    public async Task<StoredResource?> ReadAsync(string resourceType, string id, AccessFilter access, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        return await new SqliteResourceReader(connection, null, _search).ReadAsync(resourceType, id, access, ct).ConfigureAwait(false);
    }

    public async Task<StoredResource?> VReadAsync(string resourceType, string id, int versionId, AccessFilter access, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        return await new SqliteResourceReader(connection, null, _search).VReadAsync(resourceType, id, versionId, access, ct).ConfigureAwait(false);
    }

    public async Task<SearchResult> SearchAsync(SearchRequest request, AccessFilter access, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        return await new SqliteResourceReader(connection, null, _search).SearchAsync(request, access, ct).ConfigureAwait(false);
    }

    public async Task<HistoryPage> HistoryAsync(HistoryRequest request, AccessFilter access, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        return await new SqliteResourceReader(connection, null, _search).HistoryAsync(request, access, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredResource>> VersionsAsync(string resourceType, IReadOnlyCollection<string> ids, AccessFilter access, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        return await new SqliteResourceReader(connection, null, _search).VersionsAsync(resourceType, ids, access, ct).ConfigureAwait(false);
    }

    public Task<IWriteSession> BeginWriteAsync(CancellationToken ct = default) => BeginWriteAsync(database.MaxWrite, ct);

    /// <summary>
    /// The server's own start-up writes (publishing the conformance package) are not a client's request: they hold the
    /// lock as long as they need, before any request is served, instead of being refused by Storage:MaxWriteSeconds.
    /// </summary>
    public Task<IWriteSession> BeginStartupWriteAsync(CancellationToken ct = default) => BeginWriteAsync(Timeout.InfiniteTimeSpan, ct);

    private async Task<IWriteSession> BeginWriteAsync(TimeSpan maxHold, CancellationToken ct)
    {
        await _writerGate.WaitAsync(ct).ConfigureAwait(false);
        var release = new GateRelease(_writerGate);
        try
        {
            return await SqliteWriteSession.BeginAsync(database, _search, _indexer, Json, release, maxHold, ct).ConfigureAwait(false);
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }

    public void Dispose() => _writerGate.Dispose();

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
