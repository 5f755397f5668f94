using HealthHomes.Fhir.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>Every connection the store opens carries the configured SQLite settings.</summary>
public sealed class ConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hhfhir-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(268_435_456L, 268_435_456L)]
    public async Task Memory_mapped_io_is_off_by_default_and_follows_Storage_MmapSizeBytes(long configured, long expected)
    {
        var database = new SqliteDatabase(new StorageOptions { DataDirectory = _directory, MmapSizeBytes = configured });
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA mmap_size;";

        Assert.Equal(expected, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temporary folder.
        }
    }
}
