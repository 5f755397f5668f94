using System.Globalization;
using System.Text;
using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>
/// Replaces a resource's index rows: deletes the old ones and inserts the new ones as multi-row INSERTs. A resource's
/// rows usually go in one command; one with thousands of repeated elements (a Group's members, a Patient's
/// identifiers) goes in commands of at most <see cref="RowsPerCommand"/> rows, so that no statement binds more
/// variables than SQLite allows (SQLITE_MAX_VARIABLE_NUMBER, 32,766 in the bundled SQLite; a row binds at most 6).
/// </summary>
internal static class IndexRowWriter
{
    /// <summary>Rows per command: at most 6 bound values a row, so at most 6,001 variables per statement.</summary>
    public const int RowsPerCommand = 1000;

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

        var batch = new InsertBatch(connection, transaction, resourceKey);
        await batch.AddAsync("TokenIndex (ResourceKey, SearchParameterId, System, Code, Text, IdentifierType)", entries.Tokens,
            r => [r.SearchParameterId, r.System, r.Code, r.Text, r.IdentifierType], ct).ConfigureAwait(false);
        await batch.AddAsync("StringIndex (ResourceKey, SearchParameterId, Normalized, Value)", entries.Strings,
            r => [r.SearchParameterId, r.Normalized, r.Value], ct).ConfigureAwait(false);
        await batch.AddAsync("DateIndex (ResourceKey, SearchParameterId, Start, End)", entries.Dates,
            r => [r.SearchParameterId, r.Start, r.End], ct).ConfigureAwait(false);
        await batch.AddAsync("ReferenceIndex (ResourceKey, SearchParameterId, TargetType, TargetId, TargetVersion, Url)", entries.References,
            r => [r.SearchParameterId, r.TargetType, r.TargetId, r.TargetVersion, r.Url], ct).ConfigureAwait(false);
        await batch.AddAsync("NumberIndex (ResourceKey, SearchParameterId, Low, High)", entries.Numbers,
            r => [r.SearchParameterId, r.Low, r.High], ct).ConfigureAwait(false);
        await batch.AddAsync("QuantityIndex (ResourceKey, SearchParameterId, System, Code, Unit, Low, High)", entries.Quantities,
            r => [r.SearchParameterId, r.System, r.Code, r.Unit, r.Low, r.High], ct).ConfigureAwait(false);
        await batch.AddAsync("UriIndex (ResourceKey, SearchParameterId, Uri)", entries.Uris,
            r => [r.SearchParameterId, r.Uri], ct).ConfigureAwait(false);
        await batch.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>INSERT statements collected into one command until it holds <see cref="RowsPerCommand"/> rows, then run.</summary>
    private sealed class InsertBatch(SqliteConnection connection, SqliteTransaction transaction, long resourceKey)
    {
        private readonly StringBuilder _sql = new();
        private readonly List<object?> _values = [];
        private int _rows;

        public async Task AddAsync<T>(string into, List<T> rows, Func<T, object?[]> values, CancellationToken ct)
        {
            var next = 0;
            while (next < rows.Count)
            {
                var take = Math.Min(rows.Count - next, RowsPerCommand - _rows);
                _sql.Append("INSERT INTO ").Append(into).Append(" VALUES ");
                for (var i = 0; i < take; i++)
                {
                    _sql.Append(i == 0 ? "($key" : ", ($key");
                    foreach (var value in values(rows[next + i]))
                    {
                        _sql.Append(", $p").Append(_values.Count.ToString(CultureInfo.InvariantCulture));
                        _values.Add(value);
                    }

                    _sql.Append(')');
                }

                _sql.Append(';');
                _rows += take;
                next += take;
                if (_rows == RowsPerCommand)
                {
                    await FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (_rows == 0)
            {
                return;
            }

            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = _sql.ToString();
            cmd.Parameters.AddWithValue("$key", resourceKey);
            for (var i = 0; i < _values.Count; i++)
            {
                cmd.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), _values[i] ?? DBNull.Value);
            }

            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            _sql.Clear();
            _values.Clear();
            _rows = 0;
        }
    }
}
