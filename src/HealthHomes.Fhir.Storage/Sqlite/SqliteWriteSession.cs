using System.Text.Json;
using Meta = Hl7.Fhir.Model.Meta;
using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Search;
using Microsoft.Data.Sqlite;
using Resource = Hl7.Fhir.Model.Resource;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>
/// One write transaction (BEGIN IMMEDIATE: the database write lock is held from the start, so checks made inside
/// the session, such as If-None-Exist, cannot race another writer). Each write: store the version, point the
/// resource at it, rewrite its index rows (extracted by the caller before the lock, or here). The session holds the
/// lock at most <see cref="SqliteDatabase.MaxWrite"/>: past it, <see cref="Expiry"/> is cancelled, a running statement
/// is interrupted and every further call fails with <see cref="WriteTimeoutException"/>; disposing rolls back and
/// releases the lock. A commit releases the lock at once.
/// </summary>
internal sealed class SqliteWriteSession : IWriteSession
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteResourceReader _reader;
    private readonly ResourceIndexer _indexer;
    private readonly JsonSerializerOptions _json;
    private readonly IDisposable _writerGate;
    private readonly CancellationTokenSource _expiry;
    private readonly TimeSpan _maxHold;
    private readonly long _started;
    private bool _completed;

    private SqliteWriteSession(SqliteConnection connection, SqliteTransaction transaction, SearchExecutor search, ResourceIndexer indexer, JsonSerializerOptions json, IDisposable writerGate, TimeSpan maxHold)
    {
        _maxHold = maxHold;
        _expiry = new CancellationTokenSource(maxHold);
        _started = System.Diagnostics.Stopwatch.GetTimestamp();
        _connection = connection;
        _transaction = transaction;
        _reader = new SqliteResourceReader(connection, transaction, search);
        _indexer = indexer;
        _json = json;
        _writerGate = writerGate;
    }

    public static async Task<SqliteWriteSession> BeginAsync(SqliteDatabase database, SearchExecutor search, ResourceIndexer indexer, JsonSerializerOptions json, IDisposable writerGate, TimeSpan maxHold, CancellationToken ct)
    {
        var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            var transaction = connection.BeginTransaction(deferred: false);
            return new SqliteWriteSession(connection, transaction, search, indexer, json, writerGate, maxHold);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public CancellationToken Expiry => _expiry.Token;

    public Task<StoredResource?> ReadAsync(string resourceType, string id, AccessFilter access, CancellationToken ct = default)
        => WithinHoldAsync(t => _reader.ReadAsync(resourceType, id, access, t), ct);

    public Task<StoredResource?> VReadAsync(string resourceType, string id, int versionId, AccessFilter access, CancellationToken ct = default)
        => WithinHoldAsync(t => _reader.VReadAsync(resourceType, id, versionId, access, t), ct);

    public Task<SearchResult> SearchAsync(SearchRequest request, AccessFilter access, CancellationToken ct = default)
        => WithinHoldAsync(t => _reader.SearchAsync(request, access, t), ct);

    public Task<HistoryPage> HistoryAsync(HistoryRequest request, AccessFilter access, CancellationToken ct = default)
        => WithinHoldAsync(t => _reader.HistoryAsync(request, access, t), ct);

    public Task<IReadOnlyList<StoredResource>> VersionsAsync(string resourceType, IReadOnlyCollection<string> ids, AccessFilter access, CancellationToken ct = default)
        => WithinHoldAsync(t => _reader.VersionsAsync(resourceType, ids, access, t), ct);

    public Task<StoredResource> WriteAsync(Resource resource, int? expectedVersion, ResourceIndexEntries? index = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (string.IsNullOrEmpty(resource.Id))
        {
            throw new ArgumentException("The resource must carry its id.", nameof(resource));
        }

        return WithinHoldAsync(t => WriteVersionAsync(resource, expectedVersion, index, t), ct);
    }

    private async Task<StoredResource> WriteVersionAsync(Resource resource, int? expectedVersion, ResourceIndexEntries? index, CancellationToken ct)
    {
        var id = resource.Id!;
        var current = await CurrentAsync(resource.TypeName, id, ct).ConfigureAwait(false);
        CheckExpectedVersion(resource.TypeName, id, current, expectedVersion);
        var version = (current?.Version ?? 0) + 1;
        var lastUpdated = Now();
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = lastUpdated;
        var json = JsonSerializer.Serialize(resource, _json);
        var change = current is null || current.Value.IsDeleted ? ResourceChange.Create : ResourceChange.Update;
        var key = current?.Key ?? await InsertResourceAsync(resource.TypeName, id, ct).ConfigureAwait(false);
        await InsertVersionAsync(key, resource.TypeName, id, version, lastUpdated, change, json, ct).ConfigureAwait(false);
        if (current is not null)
        {
            await IndexRowWriter.DeleteAsync(_connection, _transaction, key, ct).ConfigureAwait(false);
        }

        var entries = index ?? _indexer.Extract(resource);
        await IndexRowWriter.InsertAsync(_connection, _transaction, key, entries, ct).ConfigureAwait(false);
        await IndexRowWriter.ReplaceMemberLinksAsync(_connection, _transaction, key, entries, existing: current is not null, ct).ConfigureAwait(false);
        return new StoredResource(resource.TypeName, id, version, lastUpdated, false, change, json);
    }

    public Task<StoredResource?> DeleteAsync(string resourceType, string id, int? expectedVersion, CancellationToken ct = default)
        => WithinHoldAsync(t => DeleteVersionAsync(resourceType, id, expectedVersion, t), ct);

    private async Task<StoredResource?> DeleteVersionAsync(string resourceType, string id, int? expectedVersion, CancellationToken ct)
    {
        var current = await CurrentAsync(resourceType, id, ct).ConfigureAwait(false);
        CheckExpectedVersion(resourceType, id, current, expectedVersion);
        if (current is null || current.Value.IsDeleted)
        {
            return null;
        }

        var version = current.Value.Version + 1;
        var lastUpdated = Now();
        await InsertVersionAsync(current.Value.Key, resourceType, id, version, lastUpdated, ResourceChange.Delete, null, ct).ConfigureAwait(false);
        // The MemberLink rows stay: they say whose data the deleted resource's versions are.
        await IndexRowWriter.DeleteAsync(_connection, _transaction, current.Value.Key, ct).ConfigureAwait(false);
        return new StoredResource(resourceType, id, version, lastUpdated, true, ResourceChange.Delete, null);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        await WithinHoldAsync(async t =>
        {
            await _transaction.CommitAsync(t).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        _completed = true;

        // What the caller does after the commit (e.g. rebuilding validation definitions) no longer needs the lock.
        _writerGate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_completed)
            {
                await _transaction.RollbackAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
            _writerGate.Dispose();
            _expiry.Dispose();
        }
    }

    /// <summary>
    /// Runs one step of the session with the caller's token and the session's <see cref="Expiry"/>: a step started
    /// after the hold limit, or interrupted by it, fails with <see cref="WriteTimeoutException"/>.
    /// </summary>
    private async Task<T> WithinHoldAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken ct)
    {
        if (PastHold)
        {
            throw new WriteTimeoutException(_maxHold);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _expiry.Token);
        try
        {
            return await step(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (PastHold && !ct.IsCancellationRequested && e is OperationCanceledException or SqliteException)
        {
            throw new WriteTimeoutException(_maxHold);
        }
    }

    /// <summary>
    /// Past the hold limit, by the expiry's timer or by the clock: the statements run synchronously, so on a busy
    /// machine the timer's callback may wait for a free thread while the session goes on; the clock does not.
    /// </summary>
    private bool PastHold => _expiry.IsCancellationRequested
        || (_maxHold != Timeout.InfiniteTimeSpan && System.Diagnostics.Stopwatch.GetElapsedTime(_started) > _maxHold);

    private static void CheckExpectedVersion(string type, string id, CurrentRow? current, int? expected)
    {
        if (expected is { } v && (current is null || current.Value.Version != v))
        {
            throw new VersionConflictException(
                $"{type}/{id} is at version {(current is null ? "none" : current.Value.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))}, not {v} as the request expects.");
        }
    }

    /// <summary>FHIR instants carry milliseconds; storing exactly what the resource says keeps meta and row in step.</summary>
    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private readonly record struct CurrentRow(long Key, int Version, bool IsDeleted);

    private async Task<CurrentRow?> CurrentAsync(string type, string id, CancellationToken ct)
    {
        await using var cmd = Command("SELECT ResourceKey, CurrentVersion, IsDeleted FROM Resource WHERE ResourceType = $type AND LogicalId = $id");
        cmd.Parameters.AddWithValue("$type", type);
        cmd.Parameters.AddWithValue("$id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? new CurrentRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetBoolean(2)) : null;
    }

    private async Task<long> InsertResourceAsync(string type, string id, CancellationToken ct)
    {
        await using var cmd = Command("INSERT INTO Resource (ResourceType, LogicalId, CurrentVersion, CurrentVersionKey, IsDeleted, LastUpdated) VALUES ($type, $id, 0, 0, 0, 0) RETURNING ResourceKey");
        cmd.Parameters.AddWithValue("$type", type);
        cmd.Parameters.AddWithValue("$id", id);
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private async Task InsertVersionAsync(long key, string type, string id, int version, DateTimeOffset lastUpdated, ResourceChange change, string? json, CancellationToken ct)
    {
        await using var cmd = Command(
            "INSERT INTO ResourceVersion (ResourceKey, ResourceType, LogicalId, Version, LastUpdated, IsDeleted, Change, Json) VALUES ($key, $type, $id, $version, $updated, $deleted, $change, $json);" +
            "UPDATE Resource SET CurrentVersion = $version, CurrentVersionKey = last_insert_rowid(), IsDeleted = $deleted, LastUpdated = $updated WHERE ResourceKey = $key;");
        cmd.Parameters.AddWithValue("$key", key);
        cmd.Parameters.AddWithValue("$type", type);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$version", version);
        cmd.Parameters.AddWithValue("$updated", lastUpdated.UtcTicks);
        cmd.Parameters.AddWithValue("$deleted", change == ResourceChange.Delete);
        cmd.Parameters.AddWithValue("$change", (int)change);
        cmd.Parameters.AddWithValue("$json", (object?)json ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _transaction;
        cmd.CommandText = sql;
        return cmd;
    }
}
