namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>The access filter applies inside every statement: matches, includes, chains and _has.</summary>
public sealed class AccessFilterSearchTests(IncludeFixture db) : IClassFixture<IncludeFixture>
{
    private static readonly AccessFilter P1 = new(null, new CompartmentScope("Patient", "p1"));

    [Theory]
    [InlineData("Observation", "", "o1,o2,o4")]          // o4 references p1 as performer
    [InlineData("Patient", "", "p1")]                   // the compartment resource itself
    [InlineData("Observation", "subject=Patient/p2", "o4")]
    [InlineData("Observation", "patient.general-practitioner=gp", "o1,o2")]
    [InlineData("Patient", "_has:Observation:subject:code=a", "p1")]
    public async Task Compartment(string type, string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync(type, query, P1));

    [Fact]
    public async Task Chains_do_not_see_outside_the_compartment()
        => Assert.Empty(await db.IdsAsync("Observation", "subject:Patient._id=p2", P1));

    [Fact]
    public async Task Includes_do_not_see_outside_the_compartment()
    {
        var result = await db.SearchAsync("Observation", "_include=*", P1);
        Assert.Equal(["o1", "o2", "o4"], result.Matches.Select(m => m.Id));
        Assert.Equal(["Patient/p1"], result.Included.Select(r => r.ResourceType + "/" + r.Id));
    }

    [Fact]
    public async Task Resource_types()
    {
        var access = new AccessFilter(new HashSet<string> { "Observation", "Practitioner" }, null);
        Assert.Empty(await db.IdsAsync("Patient", "", access));
        Assert.Equal(["gp", "o1", "o2", "o3", "o4", "pr1"], await db.IdsAsync(null, "", access));
        var result = await db.SearchAsync("Observation", "code=a&_include=*", access);
        Assert.Equal(["Practitioner/pr1"], result.Included.Select(r => r.ResourceType + "/" + r.Id));
    }
}
