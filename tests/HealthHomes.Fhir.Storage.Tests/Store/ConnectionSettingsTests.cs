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

    [Theory]
    [InlineData(null, 2L)]
    [InlineData(SynchronousMode.Full, 2L)]
    [InlineData(SynchronousMode.Normal, 1L)]
    public async Task Commits_sync_the_log_to_disk_by_default_and_follow_Storage_Synchronous(SynchronousMode? configured, long expected)
    {
        var options = new StorageOptions { DataDirectory = _directory };
        if (configured is { } mode)
        {
            options.Synchronous = mode;
        }

        var database = new SqliteDatabase(options);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        // 2 = FULL (the WAL is fsynced on every commit), 1 = NORMAL (fsync at checkpoints only).
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
