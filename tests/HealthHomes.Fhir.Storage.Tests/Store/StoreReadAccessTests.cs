using HealthHomes.Fhir.Storage.Tests.Search;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>Read, vread and history apply the access filter inside their queries, like search.</summary>
public sealed class StoreReadAccessTests(StoreSearchFixture db) : IClassFixture<StoreSearchFixture>
{
    private static readonly AccessFilter PatientP1 = new(null, new CompartmentScope("Patient", "p1"));
    private static readonly AccessFilter PatientsOnly = new(new HashSet<string> { "Patient" }, null);

    [Theory]
    [InlineData("Patient", "p1", true)]   // the compartment resource itself
    [InlineData("Observation", "o1", true)] // references Patient/p1
    [InlineData("Patient", "p2", false)]
    [InlineData("Observation", "o2", false)]
    public async Task Read_and_vread_see_only_the_compartment(string type, string id, bool visible)
    {
        var read = await db.Store.ReadAsync(type, id, PatientP1);
        var vread = await db.Store.VReadAsync(type, id, 1, PatientP1);

        Assert.Equal(visible, read is not null);
        Assert.Equal(visible, vread is not null);
        Assert.NotNull(await db.Store.ReadAsync(type, id, AccessFilter.Unrestricted));
    }

    [Fact]
    public async Task System_history_under_a_type_filter_lists_only_that_type()
    {
        var all = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 100, null), AccessFilter.Unrestricted);
        var patients = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 100, null), PatientsOnly);

        Assert.Contains(all.Versions, v => v.ResourceType == "Observation");
        Assert.NotEmpty(patients.Versions);
        Assert.All(patients.Versions, v => Assert.Equal("Patient", v.ResourceType));
    }

    [Fact]
    public async Task History_pages_newest_first_with_a_cursor()
    {
        var first = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 2, null), AccessFilter.Unrestricted);
        var second = await db.Store.HistoryAsync(new HistoryRequest(null, null, null, null, 2, first.NextBefore), AccessFilter.Unrestricted);

        Assert.Equal(["o2", "o1"], first.Versions.Select(v => v.Id));
        Assert.Equal(["p2", "p1"], second.Versions.Select(v => v.Id));
        Assert.Null(second.NextBefore);
    }
}
