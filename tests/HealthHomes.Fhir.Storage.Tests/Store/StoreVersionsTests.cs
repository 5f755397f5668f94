using HealthHomes.Fhir.Storage.Sqlite;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>VersionsAsync: every version of many resources of one type in one read, grouped by resource, oldest first.</summary>
public sealed class StoreVersionsTests : IAsyncLifetime
{
    private TemporaryStore _temporary = null!;

    private SqliteResourceStore Store => _temporary.Store;

    public async Task InitializeAsync()
    {
        _temporary = await TemporaryStore.CreateAsync("store-versions");
        await WriteAsync(Referral("t1", "p1", Hl7.Fhir.Model.Task.TaskStatus.Requested));
        await WriteAsync(Referral("t2", "p2", Hl7.Fhir.Model.Task.TaskStatus.Requested));
        await WriteAsync(Referral("t1", "p1", Hl7.Fhir.Model.Task.TaskStatus.Received));
        await WriteAsync(Referral("t3", "p1", Hl7.Fhir.Model.Task.TaskStatus.Requested));
        await WriteAsync(Referral("t1", "p1", Hl7.Fhir.Model.Task.TaskStatus.Completed));
        await using var session = await Store.BeginWriteAsync();
        await session.DeleteAsync("Task", "t2", null);
        await session.CommitAsync();
    }

    public Task DisposeAsync()
    {
        _temporary.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_version_of_each_resource_asked_for_grouped_oldest_first_tombstones_included()
    {
        var versions = await Store.VersionsAsync("Task", ["t2", "t1", "unknown"], AccessFilter.Everything);

        // t1 was written first (lower resource key), so its versions come first; the unknown id adds nothing.
        Assert.Equal(["t1/1", "t1/2", "t1/3", "t2/1", "t2/2"], versions.Select(v => $"{v.Id}/{v.VersionId}"));
        Assert.Equal(["requested", "received", "completed"], versions.Take(3).Select(v => Status(v.Json!)));
        Assert.True(versions[^1].IsDeleted);
        Assert.DoesNotContain(versions, v => v.Id == "t3");
    }

    [Fact]
    public async Task The_access_filter_applies_and_no_ids_read_nothing()
    {
        var p1Only = new AccessFilter { Members = new OneMember("p1") };
        var p2Only = new AccessFilter { Members = new OneMember("p2") };

        var visible = await Store.VersionsAsync("Task", ["t1", "t2", "t3"], p1Only);
        var deleted = await Store.VersionsAsync("Task", ["t1", "t2", "t3"], p2Only);
        var none = await Store.VersionsAsync("Task", [], AccessFilter.Everything);

        Assert.Equal(["t1/1", "t1/2", "t1/3", "t3/1"], visible.Select(v => $"{v.Id}/{v.VersionId}"));

        // t2 is deleted: its member still sees its versions, tombstone included.
        Assert.Equal(["t2/1", "t2/2"], deleted.Select(v => $"{v.Id}/{v.VersionId}"));
        Assert.Empty(none);
    }

    private async Task WriteAsync(Resource resource)
    {
        await using var session = await Store.BeginWriteAsync();
        await session.WriteAsync(resource, null);
        await session.CommitAsync();
    }

    private static Hl7.Fhir.Model.Task Referral(string id, string patient, Hl7.Fhir.Model.Task.TaskStatus status) => new()
    {
        Id = id,
        Status = status,
        Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
        For = new ResourceReference("Patient/" + patient),
    };

    private static string Status(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("status").GetString()!;
}
