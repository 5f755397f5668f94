using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Schema;
using HealthHomes.Fhir.Storage.Sqlite;
using HealthHomes.Fhir.Storage.Tests.Search;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>
/// A resource's index rows go in statements whose size does not depend on the resource (counted statements, no
/// clock). Binding a statement's named variables costs their number squared, so when one INSERT carried up to 1,000
/// rows (6,000 variables) a Patient of 2,000 names took seconds to store.
/// </summary>
public sealed class IndexRowStatementTests
{
    [Fact]
    public async Task Index_rows_go_in_statements_of_a_fixed_size_and_twice_the_rows_take_twice_the_statements()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"index-rows-{Guid.NewGuid():N}");
        var database = new SqliteDatabase(new StorageOptions { DataDirectory = directory });
        await database.InitializeAsync(SearchParameterDefinitions.R4());
        try
        {
            var (statements300, widest300) = await InsertAsync(database, 300);
            var (statements600, widest600) = await InsertAsync(database, 600);

            Assert.True(widest300 <= IndexRowWriter.RowsPerStatement, $"an INSERT carried {widest300} rows");
            Assert.Equal(widest300, widest600);
            Assert.InRange(statements600, statements300, (2 * statements300) + 2);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Inserts n token rows and n + 1 string rows for a new resource; the INSERTs run and the most rows one carried.</summary>
    private static async Task<(int Statements, int WidestRows)> InsertAsync(SqliteDatabase database, int n)
    {
        var entries = new ResourceIndexEntries();
        for (var i = 0; i <= n; i++)
        {
            if (i < n)
            {
                entries.Tokens.Add(new TokenIndexRow { SearchParameterId = 1, System = "urn:s", Code = $"c{i}" });
            }

            entries.Strings.Add(new StringIndexRow { SearchParameterId = 2, Normalized = $"name{i}", Value = $"Name{i}" });
        }

        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = "INSERT INTO Resource (ResourceType, LogicalId, CurrentVersion, CurrentVersionKey, IsDeleted, LastUpdated) VALUES ('Patient', $id, 0, 0, 0, 0) RETURNING ResourceKey";
        create.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
        var key = (long)(await create.ExecuteScalarAsync())!;

        using var counter = new SqlStatementCounter(connection);
        await IndexRowWriter.InsertAsync(connection, transaction, key, entries, CancellationToken.None);
        var inserts = counter.Statements.Where(s => s.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2 * n + 1, await CountAsync(connection, transaction, key));
        return (inserts.Count, inserts.Max(s => s.Split("), (").Length));
    }

    private static async Task<long> CountAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, long key)
    {
        var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT (SELECT count(*) FROM TokenIndex WHERE ResourceKey = $k) + (SELECT count(*) FROM StringIndex WHERE ResourceKey = $k)";
        count.Parameters.AddWithValue("$k", key);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
