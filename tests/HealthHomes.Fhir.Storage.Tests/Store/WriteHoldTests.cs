using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Sqlite;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>The write lock is bounded: a session past Storage:MaxWriteSeconds is refused and rolled back, and a writer waiting for the lock can give up.</summary>
public sealed class WriteHoldTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hhfhir-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_session_past_its_hold_limit_fails_is_rolled_back_and_the_lock_is_free_again()
    {
        using var store = await StoreAsync(maxWriteSeconds: 2);
        await using (var warm = await store.BeginWriteAsync())
        {
            await warm.WriteAsync(new Patient { Id = "warm" }, null);
            await warm.CommitAsync();
        }

        await using (var session = await store.BeginWriteAsync())
        {
            await session.WriteAsync(new Patient { Id = "held" }, null);
            await WaitUntilCancelledAsync(session.Expiry);

            await Assert.ThrowsAsync<WriteTimeoutException>(() => session.WriteAsync(new Patient { Id = "late" }, null));
            await Assert.ThrowsAsync<WriteTimeoutException>(() => session.CommitAsync());
        }

        await using (var next = await store.BeginWriteAsync())
        {
            await next.WriteAsync(new Patient { Id = "next" }, null);
            await next.CommitAsync();
        }

        Assert.Null(await store.ReadAsync("Patient", "held", AccessFilter.Everything));
        Assert.NotNull(await store.ReadAsync("Patient", "next", AccessFilter.Everything));
    }

    [Fact]
    public async Task A_writer_waiting_for_the_lock_stops_waiting_when_its_request_is_cancelled()
    {
        using var store = await StoreAsync(maxWriteSeconds: 30);
        await using var holder = await store.BeginWriteAsync();
        using var abandoned = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.BeginWriteAsync(abandoned.Token));
    }

    private async Task<SqliteResourceStore> StoreAsync(double maxWriteSeconds)
    {
        var database = new SqliteDatabase(new StorageOptions { DataDirectory = _directory, MaxWriteSeconds = maxWriteSeconds });
        return new SqliteResourceStore(database, await database.InitializeAsync(SearchParameterDefinitions.R4()));
    }

    private static async Task WaitUntilCancelledAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
            // The hold limit passed.
        }
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
