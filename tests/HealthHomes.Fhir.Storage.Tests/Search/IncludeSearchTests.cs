namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Observations about two patients, performed by a practitioner; a patient with a general practitioner.</summary>
public sealed class IncludeFixture : IndexedResourceSeeder
{
    public IncludeFixture()
    {
        Add("Practitioner", "gp");
        Add("Practitioner", "pr1");
        Add("Patient", "p1", r => r.Reference("general-practitioner", "Practitioner/gp"));
        Add("Patient", "p2");
        Add("Group", "g1");
        Add("Observation", "o1", r => r.Reference("subject", "Patient/p1").Reference("patient", "Patient/p1").Reference("performer", "Practitioner/pr1").Token("code", null, "a"));
        Add("Observation", "o2", r => r.Reference("subject", "Patient/p1").Reference("patient", "Patient/p1").Token("code", null, "a"));
        Add("Observation", "o3", r => r.Reference("subject", "Group/g1").Token("code", null, "b"));
        Add("Observation", "o4", r => r.Reference("subject", "Patient/p2").Reference("patient", "Patient/p2").Reference("performer", "Patient/p1").Token("code", null, "c"));
    }
}

public sealed class IncludeSearchTests(IncludeFixture db) : IClassFixture<IncludeFixture>
{
    [Theory]
    [InlineData("Observation", "code=a&_include=Observation:subject", "o1,o2", "Patient/p1")]
    [InlineData("Observation", "code=a,b&_include=Observation:subject:Patient", "o1,o2,o3", "Patient/p1")]
    [InlineData("Observation", "code=a,b&_include=Observation:subject", "o1,o2,o3", "Group/g1,Patient/p1")]
    [InlineData("Observation", "code=a&_include=*", "o1,o2", "Patient/p1,Practitioner/pr1")]
    [InlineData("Observation", "code=a&_include=Observation:subject&_include=Observation:performer", "o1,o2", "Patient/p1,Practitioner/pr1")]
    // :iterate: "the include is also applied to the included resources"
    [InlineData("Observation", "code=a&_include=Observation:subject&_include:iterate=Patient:general-practitioner", "o1,o2", "Patient/p1,Practitioner/gp")]
    // without :iterate a Patient include does nothing for Observations
    [InlineData("Observation", "code=a&_include=Patient:general-practitioner", "o1,o2", "")]
    [InlineData("Patient", "_id=p1&_revinclude=Observation:subject", "p1", "Observation/o1,Observation/o2")]
    [InlineData("Patient", "_id=p1&_revinclude=*", "p1", "Observation/o1,Observation/o2,Observation/o4")]
    [InlineData("Patient", "_id=p2&_revinclude=Observation:subject&_include:iterate=Observation:performer", "p2", "Observation/o4,Patient/p1")]
    // a resource already matched is never included again
    [InlineData("Patient", "_id=p1,p2&_revinclude=Observation:subject&_include:iterate=Observation:performer", "p1,p2", "Observation/o1,Observation/o2,Observation/o4,Practitioner/pr1")]
    public async Task Includes(string type, string query, string matches, string included)
    {
        var result = await db.SearchAsync(type, query);
        Assert.Equal(matches.Split(','), result.Matches.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(included.Split(',', StringSplitOptions.RemoveEmptyEntries),
            result.Included.Select(r => r.ResourceType + "/" + r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_with_include_is_two_selects()
    {
        using var counter = new SqlStatementCounter(db.Connection);
        var result = await db.SearchAsync("Observation", "code=a&_include=Observation:subject&_include=Observation:performer&_revinclude=Provenance:target");
        Assert.Equal(2, result.Included.Count);
        Assert.Equal(2, counter.Selects);
    }

    [Fact]
    public async Task Search_with_accurate_total_is_two_selects_and_without_includes_one()
    {
        using var counter = new SqlStatementCounter(db.Connection);
        await db.SearchAsync("Observation", "code=a&_total=accurate");
        Assert.Equal(2, counter.Selects);
        await db.SearchAsync("Observation", "code=a");
        Assert.Equal(3, counter.Selects);
    }

    [Theory]
    [InlineData("_include=Observation")]
    [InlineData("_include=Observation:code")]
    [InlineData("_include=Nothing:subject")]
    [InlineData("_include=Observation:subject:Medication")]
    public async Task Malformed_includes_are_invalid(string query)
        => await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Observation", query));
}
