using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Sqlite;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>A real store on a database file in its own temporary folder, with the R4 search parameters; deleted on dispose.</summary>
public sealed class TemporaryStore : IDisposable
{
    private readonly string _directory;

    private TemporaryStore(string directory, SqliteResourceStore store)
    {
        _directory = directory;
        Store = store;
    }

    public SqliteResourceStore Store { get; }

    /// <param name="name">Prefix of the folder's name (which test made it).</param>
    public static async Task<TemporaryStore> CreateAsync(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}");
        var database = new SqliteDatabase(new StorageOptions { DataDirectory = directory });
        return new TemporaryStore(directory, new SqliteResourceStore(database, await database.InitializeAsync(SearchParameterDefinitions.R4())));
    }

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
