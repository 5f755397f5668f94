using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>A current resource row as read by a search: the resource, its key and its sort key values.</summary>
internal sealed record SearchRow(long ResourceKey, StoredResource Resource, object?[] SortValues);

/// <summary>Reads rows selected with <see cref="Columns"/> first, then the sort key columns.</summary>
internal static class ResourceRowReader
{
    /// <summary>The columns every search and include statement selects, in this order.</summary>
    public const string Columns = "r.ResourceKey, r.ResourceType, r.LogicalId, r.CurrentVersion, r.LastUpdated, v.Change, v.Json";

    /// <summary>The current, non-deleted resources joined to their current version.</summary>
    public const string From = "Resource r JOIN ResourceVersion v ON v.VersionKey = r.CurrentVersionKey";

    public static async Task<List<SearchRow>> ReadAsync(SqliteCommand command, IReadOnlyList<SortKey> sort, CancellationToken ct)
    {
        var rows = new List<SearchRow>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var resource = new StoredResource(
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                IsDeleted: false,
                (ResourceChange)reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6));
            var values = new object?[sort.Count];
            for (var i = 0; i < sort.Count; i++)
            {
                var ordinal = 7 + i;
                values[i] = reader.IsDBNull(ordinal) ? null : sort[i].ValueType switch
                {
                    SortValueType.Text => reader.GetString(ordinal),
                    SortValueType.Integer => reader.GetInt64(ordinal),
                    _ => reader.GetDouble(ordinal),
                };
            }

            rows.Add(new SearchRow(reader.GetInt64(0), resource, values));
        }

        return rows;
    }
}
