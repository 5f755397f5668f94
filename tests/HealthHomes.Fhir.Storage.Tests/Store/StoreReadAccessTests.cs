using HealthHomes.Fhir.Storage.Tests.Search;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>
/// Read, vread, history (instance, type, system) and VersionsAsync apply the access filter inside their queries, like
/// search. Member confinement survives deletion: a deleted resource's versions stay its member's (MemberLink).
/// </summary>
public sealed class StoreReadAccessTests(StoreSearchFixture db, MemberStoreFixture members) : IClassFixture<StoreSearchFixture>, IClassFixture<MemberStoreFixture>
{
    private const string Lab = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

    private static readonly AccessFilter PatientsOnly = new() { ResourceTypes = new HashSet<string> { "Patient" } };

    private static readonly Dictionary<string, AccessFilter> Filters = new()
    {
        ["everything"] = AccessFilter.Everything,
        ["one-a1"] = new() { Members = new OneMember("a1") },
        ["one-b1"] = new() { Members = new OneMember("b1") },
        ["org1"] = new() { Members = new ServedMembers(["org1"], []) },
        ["org2"] = new() { Members = new ServedMembers(["org2"], []) },
        ["lab"] = Restricted(Lab),
        ["lab+one-a1"] = Restricted(Lab) with { Members = new OneMember("a1") },
        ["unknown"] = Restricted(null),
    };

    [Theory]
    [InlineData("Patient", "p1", true)]     // the member itself
    [InlineData("Observation", "o1", true)] // references Patient/p1
    [InlineData("Patient", "p2", false)]
    [InlineData("Observation", "o2", true)] // references no Patient (a display only): not member data
    public async Task Read_and_vread_see_one_member(string type, string id, bool visible)
    {
        var p1 = new AccessFilter { Members = new OneMember("p1") };
        Assert.Equal(visible, await db.Store.ReadAsync(type, id, p1) is not null);
        Assert.Equal(visible, await db.Store.VReadAsync(type, id, 1, p1) is not null);
        Assert.NotNull(await db.Store.ReadAsync(type, id, AccessFilter.Everything));
    }

    [Theory]
    [InlineData("one-a1", "Patient", "a1", 1, true)]
    [InlineData("one-a1", "Patient", "b1", 1, false)]
    [InlineData("one-a1", "Observation", "oa", 2, true)]
    [InlineData("one-a1", "Observation", "ob", 1, false)]
    [InlineData("one-a1", "Observation", "otwo", 1, false)]      // also about b1
    [InlineData("one-b1", "Observation", "otwo", 1, false)]
    [InlineData("one-a1", "Observation", "oshared", 1, true)]
    [InlineData("one-a1", "Organization", "org2", 1, true)]
    [InlineData("one-a1", "Observation", "od", 1, true)]         // deleted: its old version is still a1's
    [InlineData("one-b1", "Observation", "od", 1, false)]
    [InlineData("one-a1", "Observation", "omove", 1, false)]     // membership follows the last live version (b1)
    [InlineData("one-b1", "Observation", "omove", 1, true)]
    [InlineData("org1", "Observation", "od", 1, true)]
    [InlineData("org1", "EpisodeOfCare", "eoc-b1", 1, false)]
    [InlineData("org2", "Observation", "odgone", 1, true)]
    [InlineData("org2", "Observation", "oa", 1, false)]
    [InlineData("lab", "Observation", "oa", 1, true)]
    [InlineData("lab", "Observation", "ob", 1, false)]
    [InlineData("lab", "Observation", "od", 1, false)]           // a deleted resource has no index rows to match: hidden
    [InlineData("lab", "Patient", "b1", 1, true)]
    [InlineData("lab+one-a1", "Observation", "oa", 1, true)]
    [InlineData("lab+one-a1", "Observation", "otwo", 1, false)]
    [InlineData("unknown", "Observation", "oa", 1, false)]
    public async Task Vread_and_read(string filter, string type, string id, int version, bool visible)
    {
        Assert.Equal(visible, await members.Store.VReadAsync(type, id, version, Filters[filter]) is not null);
        var read = await members.Store.ReadAsync(type, id, Filters[filter]);
        Assert.Equal(visible, read is not null);
        Assert.NotNull(await members.Store.ReadAsync(type, id, AccessFilter.Everything));
    }

    [Theory]
    [InlineData("one-a1", "Observation", "od", "2,1")]
    [InlineData("org1", "Observation", "od", "2,1")]
    [InlineData("one-b1", "Observation", "od", "")]
    [InlineData("org2", "Observation", "od", "")]
    [InlineData("one-a1", "Observation", "oa", "2,1")]
    [InlineData("lab", "Observation", "oa", "2,1")]
    [InlineData("lab", "Observation", "ob", "")]
    [InlineData("one-b1", "Observation", "omove", "2,1")]
    public async Task Instance_history(string filter, string type, string id, string expected)
    {
        var page = await members.Store.HistoryAsync(new HistoryRequest(type, id, null, null, 100, null), Filters[filter]);
        var versions = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(versions, page.Versions.Select(v => v.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(versions.Length, page.Total);
    }

    [Theory]
    [InlineData("one-a1", "Observation", "Observation/oa/1,Observation/oa/2,Observation/od/1,Observation/od/2,Observation/oshared/1")]
    [InlineData("org2", "Observation",
        "Observation/ob/1,Observation/odgone/1,Observation/odgone/2,Observation/omove/1,Observation/omove/2,Observation/oshared/1")]
    [InlineData("lab+one-a1", "Observation", "Observation/oa/1,Observation/oa/2,Observation/oshared/1")]
    [InlineData("one-a1", null, "EpisodeOfCare/eoc-a1/1,Observation/oa/1,Observation/oa/2,Observation/od/1,Observation/od/2,Observation/oshared/1,"
        + "Organization/org1/1,Organization/org2/1,Patient/a1/1,Practitioner/pr1/1")]
    [InlineData("org1", null, "EpisodeOfCare/eoc-a1/1,Observation/oa/1,Observation/oa/2,Observation/od/1,Observation/od/2,Observation/oshared/1,"
        + "Organization/org1/1,Organization/org2/1,Patient/a1/1,Practitioner/pr1/1")]
    public async Task Type_and_system_history(string filter, string? type, string expected)
    {
        var page = await members.Store.HistoryAsync(new HistoryRequest(type, null, null, null, 100, null), Filters[filter]);
        Assert.Equal(expected.Split(','), page.Versions.Select(v => $"{v.ResourceType}/{v.Id}/{v.VersionId}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("everything", "oa/1,oa/2,ob/1,otwo/1,od/1,od/2,omove/1,omove/2")]
    [InlineData("one-a1", "oa/1,oa/2,od/1,od/2")]
    [InlineData("org2", "ob/1,omove/1,omove/2")]
    [InlineData("lab", "oa/1,oa/2,otwo/1,omove/1,omove/2")]
    [InlineData("unknown", "")]
    public async Task Versions(string filter, string expected)
    {
        var versions = await members.Store.VersionsAsync("Observation", ["oa", "ob", "od", "omove", "otwo"], Filters[filter]);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), versions.Select(v => $"{v.Id}/{v.VersionId}"));
    }

    [Fact]
    public async Task System_history_under_a_type_filter_lists_only_that_type()
    {
        var all = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 100, null), AccessFilter.Everything);
        var patients = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 100, null), PatientsOnly);

        Assert.Contains(all.Versions, v => v.ResourceType == "Observation");
        Assert.NotEmpty(patients.Versions);
        Assert.All(patients.Versions, v => Assert.Equal("Patient", v.ResourceType));
    }

    [Fact]
    public async Task History_pages_newest_first_with_a_cursor()
    {
        var first = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 2, null), AccessFilter.Everything);
        var second = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 2, first.NextBefore), AccessFilter.Everything);

        Assert.Equal(["o2", "o1"], first.Versions.Select(v => v.Id));
        Assert.Equal(["p2", "p1"], second.Versions.Select(v => v.Id));
        Assert.Null(second.NextBefore);
    }

    /// <summary>Observations restricted to one category (null: to an unknown parameter, which fails closed).</summary>
    private static AccessFilter Restricted(string? category) => new()
    {
        TypeRestrictions = new Dictionary<string, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>>
        {
            ["Observation"] = [[category is null ? new("no-such-parameter", "x") : new("category", category)]],
        },
    };
}
