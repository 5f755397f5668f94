using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Testing;

/// <summary>
/// What a rejected request must leave untouched: every table of the store's database file, as row counts and the
/// largest row id, read over a connection of its own (not through the server). Two equal fingerprints mean no row was
/// added, removed or replaced by an insert; the hardening tests take one before a bad request and compare after.
/// </summary>
public sealed record StoreFingerprint(string Text)
{
    public static async Task<StoreFingerprint> TakeAsync(string databasePath)
    {
        var builder = new StringBuilder();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync().ConfigureAwait(false);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*), coalesce(max(rowid), 0) FROM \"{table}\"";
            await using var reader = await count.ExecuteReaderAsync().ConfigureAwait(false);
            await reader.ReadAsync().ConfigureAwait(false);
            builder.Append(CultureInfo.InvariantCulture, $"{table}:{reader.GetInt64(0)}/{reader.GetInt64(1)};");
        }

        return new StoreFingerprint(builder.ToString());
    }
}
