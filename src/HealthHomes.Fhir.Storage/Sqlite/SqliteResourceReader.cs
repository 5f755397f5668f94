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
        await using var cmd = Command();
        cmd.CommandText = $"SELECT {VersionColumns} FROM Resource r JOIN ResourceVersion v ON v.VersionKey = r.CurrentVersionKey " +
            "WHERE r.ResourceType = $type AND r.LogicalId = $id" + AccessFilterSql.Condition(access, "r", cmd);
        cmd.Parameters.AddWithValue("$type", resourceType);
        cmd.Parameters.AddWithValue("$id", id);
        return await SingleAsync(cmd, ct).ConfigureAwait(false);
    }

    public async Task<StoredResource?> VReadAsync(string resourceType, string id, int versionId, AccessFilter access, CancellationToken ct = default)
    {
        await using var cmd = Command();
        cmd.CommandText = $"SELECT {VersionColumns} FROM Resource r JOIN ResourceVersion v ON v.ResourceKey = r.ResourceKey AND v.Version = $version " +
            "WHERE r.ResourceType = $type AND r.LogicalId = $id" + AccessFilterSql.Condition(access, "r", cmd);
        cmd.Parameters.AddWithValue("$type", resourceType);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$version", versionId);
        return await SingleAsync(cmd, ct).ConfigureAwait(false);
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, AccessFilter access, CancellationToken ct = default)
        => search.ExecuteAsync(connection, transaction, request, access, ct);

    public async Task<HistoryPage> HistoryAsync(HistoryRequest request, AccessFilter access, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var cmd = Command();
        var where = new List<string> { "1 = 1" };
        if (request.ResourceType is not null)
        {
            where.Add("v.ResourceType = $type");
            cmd.Parameters.AddWithValue("$type", request.ResourceType);
        }

        if (request.Id is not null)
        {
            where.Add("v.LogicalId = $id");
            cmd.Parameters.AddWithValue("$id", request.Id);
        }

        if (request.Since is { } since)
        {
            where.Add("v.LastUpdated >= $since");
            cmd.Parameters.AddWithValue("$since", since.UtcTicks);
        }

        if (request.At is { } at)
        {
            // Versions current at the instant: written at or before it, and not replaced by then.
            where.Add("v.LastUpdated <= $at AND NOT EXISTS (SELECT 1 FROM ResourceVersion n WHERE n.ResourceKey = v.ResourceKey AND n.Version = v.Version + 1 AND n.LastUpdated <= $at)");
            cmd.Parameters.AddWithValue("$at", at.UtcTicks);
        }

        var filter = AccessFilterSql.Condition(access, "r", cmd);
        var conditions = string.Join(" AND ", where) + filter;
        int? total = null;
        if (request.Id is not null)
        {
            cmd.CommandText = $"SELECT COUNT(*) FROM ResourceVersion v JOIN Resource r ON r.ResourceKey = v.ResourceKey WHERE {conditions}";
            total = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (request.Before is { } before)
        {
            conditions += " AND v.VersionKey < $before";
            cmd.Parameters.AddWithValue("$before", before);
        }

        cmd.CommandText = $"SELECT {VersionColumns} FROM ResourceVersion v JOIN Resource r ON r.ResourceKey = v.ResourceKey WHERE {conditions} ORDER BY v.VersionKey DESC LIMIT $limit";
        cmd.Parameters.AddWithValue("$limit", request.Count + 1);
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

    /// <summary>Maps a row of <see cref="VersionColumns"/> to a stored version.</summary>
    internal static StoredResource ReadVersion(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        reader.GetBoolean(4),
        (ResourceChange)reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));

    private SqliteCommand Command()
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        return cmd;
    }

    private static async Task<StoredResource?> SingleAsync(SqliteCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadVersion(reader) : null;
    }
}
