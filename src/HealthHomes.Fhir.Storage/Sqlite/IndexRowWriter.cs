using System.Globalization;
using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>
/// Replaces a resource's index rows: deletes the old ones and inserts the new ones, each table through one prepared
/// INSERT of a fixed size (<see cref="RowsPerStatement"/> rows, then single rows for the remainder), run as often as
/// the rows need. The size of a statement never depends on the resource: binding a statement's named variables costs
/// time in the square of their number (each is looked up by name), so the multi-row INSERTs of up to 1,000 rows this
/// replaced made a Patient of 2,000 names take seconds to store.
/// </summary>
internal static class IndexRowWriter
{
    /// <summary>Rows per multi-row INSERT: a statement binds at most 1 + 6 x 16 = 97 variables.</summary>
    public const int RowsPerStatement = 16;

    private static readonly string[] Tables = ["TokenIndex", "StringIndex", "DateIndex", "ReferenceIndex", "NumberIndex", "QuantityIndex", "UriIndex"];

    public static async Task DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, long resourceKey, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = string.Concat(Tables.Select(t => $"DELETE FROM {t} WHERE ResourceKey = $key;"));
        cmd.Parameters.AddWithValue("$key", resourceKey);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the resource's MemberLink rows with the Patients its new version references (distinct ids of the
    /// reference rows whose target type is Patient). A delete does not call this: the links of the last live version
    /// stay, for the member confinement of the deleted resource's old versions.
    /// </summary>
    /// <param name="existing">False for a new resource (no rows to delete: a resource with no Patient reference costs no statement).</param>
    public static async Task ReplaceMemberLinksAsync(SqliteConnection connection, SqliteTransaction transaction, long resourceKey, ResourceIndexEntries entries, bool existing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var patients = entries.References.Where(r => r.TargetType == "Patient" && !string.IsNullOrEmpty(r.TargetId)).Select(r => r.TargetId!).Distinct(StringComparer.Ordinal).ToArray();
        if (!existing && patients.Length == 0)
        {
            return;
        }

        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = (existing ? "DELETE FROM MemberLink WHERE ResourceKey = $key;" : "")
            + (patients.Length == 0 ? "" : "INSERT INTO MemberLink (ResourceKey, PatientId) SELECT $key, value FROM json_each($patients);");
        cmd.Parameters.AddWithValue("$key", resourceKey);
        if (patients.Length > 0)
        {
            cmd.Parameters.AddWithValue("$patients", System.Text.Json.JsonSerializer.Serialize(patients));
        }

        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, long resourceKey, ResourceIndexEntries entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var into = new TableInsert(connection, transaction, resourceKey);
        await into.RowsAsync("TokenIndex", ["SearchParameterId", "System", "Code", "Text", "IdentifierType"], entries.Tokens,
            r => [r.SearchParameterId, r.System, r.Code, r.Text, r.IdentifierType], ct).ConfigureAwait(false);
        await into.RowsAsync("StringIndex", ["SearchParameterId", "Normalized", "Value"], entries.Strings,
            r => [r.SearchParameterId, r.Normalized, r.Value], ct).ConfigureAwait(false);
        await into.RowsAsync("DateIndex", ["SearchParameterId", "Start", "End"], entries.Dates,
            r => [r.SearchParameterId, r.Start, r.End], ct).ConfigureAwait(false);
        await into.RowsAsync("ReferenceIndex", ["SearchParameterId", "TargetType", "TargetId", "TargetVersion", "Url"], entries.References,
            r => [r.SearchParameterId, r.TargetType, r.TargetId, r.TargetVersion, r.Url], ct).ConfigureAwait(false);
        await into.RowsAsync("NumberIndex", ["SearchParameterId", "Low", "High"], entries.Numbers,
            r => [r.SearchParameterId, r.Low, r.High], ct).ConfigureAwait(false);
        await into.RowsAsync("QuantityIndex", ["SearchParameterId", "System", "Code", "Unit", "Low", "High"], entries.Quantities,
            r => [r.SearchParameterId, r.System, r.Code, r.Unit, r.Low, r.High], ct).ConfigureAwait(false);
        await into.RowsAsync("UriIndex", ["SearchParameterId", "Uri"], entries.Uris,
            r => [r.SearchParameterId, r.Uri], ct).ConfigureAwait(false);
    }

    /// <summary>The rows of one resource into one table: a prepared statement per size used, each run once per group of rows.</summary>
    private sealed class TableInsert(SqliteConnection connection, SqliteTransaction transaction, long resourceKey)
    {
        public async Task RowsAsync<T>(string table, string[] columns, List<T> rows, Func<T, object?[]> values, CancellationToken ct)
        {
            var next = 0;
            foreach (var size in (int[])[RowsPerStatement, 1])
            {
                if (rows.Count - next < size)
                {
                    continue;
                }

                await using var statement = Prepare(table, columns, size);
                for (; rows.Count - next >= size; next += size)
                {
                    for (var r = 0; r < size; r++)
                    {
                        var row = values(rows[next + r]);
                        for (var c = 0; c < row.Length; c++)
                        {
                            statement.Parameters[1 + (r * columns.Length) + c].Value = row[c] ?? DBNull.Value;
                        }
                    }

                    await statement.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }
        }

        /// <summary>INSERT INTO table (ResourceKey, columns) VALUES ($key, $p0, ...), ... with <paramref name="size"/> rows, prepared.</summary>
        private SqliteCommand Prepare(string table, string[] columns, int size)
        {
            var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            var tuples = Enumerable.Range(0, size).Select(r =>
                "($key, " + string.Join(", ", columns.Select((_, c) => "$p" + ((r * columns.Length) + c).ToString(CultureInfo.InvariantCulture))) + ")");
            cmd.CommandText = $"INSERT INTO {table} (ResourceKey, {string.Join(", ", columns)}) VALUES {string.Join(", ", tuples)}";
            cmd.Parameters.AddWithValue("$key", resourceKey);
            for (var i = 0; i < size * columns.Length; i++)
            {
                cmd.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
            }

            cmd.Prepare();
            return cmd;
        }
    }
}
