using System.Text;
using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>Replaces a resource's index rows: deletes the old ones and inserts the new ones, a multi-row INSERT per table.</summary>
internal static class IndexRowWriter
{
    private static readonly string[] Tables = ["TokenIndex", "StringIndex", "DateIndex", "ReferenceIndex", "NumberIndex", "QuantityIndex", "UriIndex"];

    public static async Task DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, long resourceKey, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = string.Concat(Tables.Select(t => $"DELETE FROM {t} WHERE ResourceKey = $key;"));
        cmd.Parameters.AddWithValue("$key", resourceKey);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, long resourceKey, ResourceIndexEntries entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var sql = new StringBuilder();
        cmd.Parameters.AddWithValue("$key", resourceKey);
        var n = 0;
        string P(object? value)
        {
            var name = "$p" + n++;
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return name;
        }

        Append(sql, "TokenIndex (ResourceKey, SearchParameterId, System, Code, Text, IdentifierType)", entries.Tokens,
            r => $"($key, {r.SearchParameterId}, {P(r.System)}, {P(r.Code)}, {P(r.Text)}, {P(r.IdentifierType)})");
        Append(sql, "StringIndex (ResourceKey, SearchParameterId, Normalized, Value)", entries.Strings,
            r => $"($key, {r.SearchParameterId}, {P(r.Normalized)}, {P(r.Value)})");
        Append(sql, "DateIndex (ResourceKey, SearchParameterId, Start, End)", entries.Dates,
            r => $"($key, {r.SearchParameterId}, {r.Start}, {r.End})");
        Append(sql, "ReferenceIndex (ResourceKey, SearchParameterId, TargetType, TargetId, TargetVersion, Url)", entries.References,
            r => $"($key, {r.SearchParameterId}, {P(r.TargetType)}, {P(r.TargetId)}, {P(r.TargetVersion)}, {P(r.Url)})");
        Append(sql, "NumberIndex (ResourceKey, SearchParameterId, Low, High)", entries.Numbers,
            r => $"($key, {r.SearchParameterId}, {P(r.Low)}, {P(r.High)})");
        Append(sql, "QuantityIndex (ResourceKey, SearchParameterId, System, Code, Unit, Low, High)", entries.Quantities,
            r => $"($key, {r.SearchParameterId}, {P(r.System)}, {P(r.Code)}, {P(r.Unit)}, {P(r.Low)}, {P(r.High)})");
        Append(sql, "UriIndex (ResourceKey, SearchParameterId, Uri)", entries.Uris,
            r => $"($key, {r.SearchParameterId}, {P(r.Uri)})");
        cmd.CommandText = sql.ToString();
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void Append<T>(StringBuilder sql, string into, List<T> rows, Func<T, string> values)
    {
        if (rows.Count == 0)
        {
            return;
        }

        sql.Append("INSERT INTO ").Append(into).Append(" VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(values(rows[i]));
        }

        sql.Append(';');
    }
}
