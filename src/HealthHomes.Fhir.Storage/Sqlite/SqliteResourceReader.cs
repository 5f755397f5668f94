using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Search;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>Read, vread, history and search on one connection (and, inside a write session, its transaction).</summary>
internal sealed class SqliteResourceReader(SqliteConnection connection, SqliteTransaction? transaction, SearchExecutor search) : IResourceReader
{
    private const string VersionColumns = "v.ResourceType, v.LogicalId, v.Version, v.LastUpdated, v.IsDeleted, v.Change, v.Json, v.VersionKey";

    public async Task<StoredResource?> ReadAsync(string resourceType, string id, AccessFilter access, CancellationToken ct = default)
    {
        var query = new SqlQuery();
        query.Text.Append($"SELECT {VersionColumns} FROM Resource r JOIN ResourceVersion v ON v.VersionKey = r.CurrentVersionKey ")
            .Append($"WHERE r.ResourceType = {query.Bind(resourceType)} AND r.LogicalId = {query.Bind(id)}").Append(AccessCondition(access, query));
        await using var cmd = query.CreateCommand(connection, transaction);
        return await SingleAsync(cmd, ct).ConfigureAwait(false);
    }

    public async Task<StoredResource?> VReadAsync(string resourceType, string id, int versionId, AccessFilter access, CancellationToken ct = default)
    {
        var query = new SqlQuery();
        query.Text.Append($"SELECT {VersionColumns} FROM Resource r JOIN ResourceVersion v ON v.ResourceKey = r.ResourceKey AND v.Version = {query.Bind(versionId)} ")
            .Append($"WHERE r.ResourceType = {query.Bind(resourceType)} AND r.LogicalId = {query.Bind(id)}").Append(AccessCondition(access, query));
        await using var cmd = query.CreateCommand(connection, transaction);
        return await SingleAsync(cmd, ct).ConfigureAwait(false);
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, AccessFilter access, CancellationToken ct = default)
        => search.ExecuteAsync(connection, transaction, request, access, ct);

    public async Task<HistoryPage> HistoryAsync(HistoryRequest request, AccessFilter access, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new SqlQuery();
        var where = new List<string> { "1 = 1" };
        if (request.ResourceType is not null && request.Id is not null)
        {
            // Instance history: find the resource's key first, so its versions come from (ResourceKey, Version)
            // instead of a walk through every version of the type.
            where.Add($"v.ResourceKey = (SELECT k.ResourceKey FROM Resource k WHERE k.ResourceType = {query.Bind(request.ResourceType)} AND k.LogicalId = {query.Bind(request.Id)})");
        }
        else if (request.ResourceType is not null)
        {
            where.Add($"v.ResourceType = {query.Bind(request.ResourceType)}");
        }

        if (request.Since is { } since)
        {
            where.Add($"v.LastUpdated >= {query.Bind(since.UtcTicks)}");
        }

        if (request.At is { } at)
        {
            // Versions current at the instant (or at some point of the period [At, AtEnd)): written before its end,
            // and not replaced by its start.
            var atTicks = query.Bind(at.UtcTicks);
            var written = request.AtEnd is { } end ? $"v.LastUpdated < {query.Bind(end.UtcTicks)}" : $"v.LastUpdated <= {atTicks}";
            where.Add($"{written} AND NOT EXISTS (SELECT 1 FROM ResourceVersion n WHERE n.ResourceKey = v.ResourceKey AND n.Version = v.Version + 1 AND n.LastUpdated <= {atTicks})");
        }

        var conditions = string.Join(" AND ", where) + AccessCondition(access, query);
        int? total = null;
        if (request.Id is not null)
        {
            query.Text.Append($"SELECT COUNT(*) FROM ResourceVersion v JOIN Resource r ON r.ResourceKey = v.ResourceKey WHERE {conditions}");
            await using var count = query.CreateCommand(connection, transaction);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            query.Text.Clear();
        }

        if (request.Before is { } before)
        {
            conditions += $" AND v.VersionKey < {query.Bind(before)}";
        }

        query.Text.Append($"SELECT {VersionColumns} FROM ResourceVersion v JOIN Resource r ON r.ResourceKey = v.ResourceKey WHERE {conditions} ORDER BY v.VersionKey DESC LIMIT {query.Bind(request.Count + 1)}");
        await using var cmd = query.CreateCommand(connection, transaction);
        var versions = new List<StoredResource>();
        long lastKey = 0;
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (versions.Count == request.Count)
                {
                    return new HistoryPage(versions, total, lastKey);
                }

                versions.Add(ReadVersion(reader));
                lastKey = reader.GetInt64(7);
            }
        }

        return new HistoryPage(versions, total, null);
    }

    public async Task<IReadOnlyList<StoredResource>> VersionsAsync(string resourceType, IReadOnlyCollection<string> ids, AccessFilter access, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var versions = new List<StoredResource>();
        if (ids.Count == 0)
        {
            return versions;
        }

        // The resources' keys from the (ResourceType, LogicalId) index, then their versions from (ResourceKey, Version).
        var query = new SqlQuery();
        query.Text.Append($"SELECT {VersionColumns} FROM Resource r JOIN ResourceVersion v ON v.ResourceKey = r.ResourceKey ")
            .Append($"WHERE r.ResourceType = {query.Bind(resourceType)} AND r.LogicalId IN (SELECT value FROM json_each({query.Bind(System.Text.Json.JsonSerializer.Serialize(ids))}))")
            .Append(AccessCondition(access, query))
            .Append(" ORDER BY r.ResourceKey, v.Version");
        await using var cmd = query.CreateCommand(connection, transaction);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            versions.Add(ReadVersion(reader));
        }

        return versions;
    }

    /// <summary>Maps a row of <see cref="VersionColumns"/> to a stored version.</summary>
    internal static StoredResource ReadVersion(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        reader.GetBoolean(4),
        (ResourceChange)reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));

    /// <summary>The caller's access filter on the Resource row "r", inside the query.</summary>
    private string AccessCondition(AccessFilter access, SqlQuery query)
        => access.SeesEverything ? "" : " AND (" + new AccessCriterion(search.Registry, access).ToSql(query, "r") + ")";

    private static async Task<StoredResource?> SingleAsync(SqliteCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadVersion(reader) : null;
    }
}
