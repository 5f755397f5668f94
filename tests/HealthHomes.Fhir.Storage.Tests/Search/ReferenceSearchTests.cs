namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Seeded references: relative, absolute, to several target types, display-only; targets with names and identifiers.</summary>
public sealed class ReferenceSearchFixture : IndexedResourceSeeder
{
    public ReferenceSearchFixture()
    {
        Add("Patient", "p1", r => r.String("name", "Smith").Token("identifier", "urn:mrn", "123"));
        Add("Patient", "p2", r => r.String("name", "Jones").Token("identifier", "urn:mrn", "456"));
        Add("Patient", "gone", r => r.String("name", "Smith"));
        Add("Location", "l1", r => r.String("name", "Smith Clinic"));
        Add("Group", "g1");
        Add("Practitioner", "pr1");
        // o1: subject Patient/p1 (also indexed under "patient"), performer Practitioner/pr1, code 1234-5
        Add("Observation", "o1", r => r.Reference("subject", "Patient/p1").Reference("patient", "Patient/p1").Reference("performer", "Practitioner/pr1")
            .Token("code", "http://loinc.org", "1234-5"));
        // o2: subject as an absolute URL
        Add("Observation", "o2", r => r.Reference("subject", "http://other.org/fhir/Patient/p2").Reference("patient", "http://other.org/fhir/Patient/p2")
            .Token("code", "http://loinc.org", "999-9"));
        // o3: subject Group/g1
        Add("Observation", "o3", r => r.Reference("subject", "Group/g1"));
        // o4: subject with only a display: no index row
        Add("Observation", "o4");
        // o5: subject Location/l1
        Add("Observation", "o5", r => r.Reference("subject", "Location/l1"));
        // o6: subject is a patient deleted since
        Add("Observation", "o6", r => r.Reference("subject", "Patient/gone").Reference("patient", "Patient/gone"));
        Delete("Patient", "gone");
        Add("Encounter", "e1", r => r.Reference("practitioner", "Practitioner/pr1"));
        Add("Task", "t1", r => r.Reference("patient", "Patient/p1"));
        Add("Task", "t2", r => r.Reference("patient", "Patient/p2"));
    }
}

public sealed class ReferenceSearchTests(ReferenceSearchFixture db) : IClassFixture<ReferenceSearchFixture>
{
    [Theory]
    [InlineData("subject=Patient/p1", "o1")]
    // a bare id with several target types "matches any of them"
    [InlineData("subject=p1", "o1")]
    [InlineData("subject=g1", "o3")]
    // the :[type] modifier
    [InlineData("subject:Patient=p1", "o1")]
    [InlineData("subject:Group=g1", "o3")]
    // an absolute URL matches the URL, and its Type/id
    [InlineData("subject=http://other.org/fhir/Patient/p2", "o2")]
    [InlineData("subject=Patient/p2", "o2")]
    [InlineData("subject=Patient/p1,Group/g1", "o1,o3")]
    [InlineData("subject:missing=true", "o4")]
    // chaining, with an explicit type and across every target type that has the parameter
    [InlineData("subject:Patient.name=smith", "o1")]
    [InlineData("subject.name=smith", "o1,o5")]
    [InlineData("patient.name=jon", "o2")]
    [InlineData("patient.identifier=urn:mrn|123", "o1")]
    public async Task Observation_subject(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("Observation", query));

    [Theory]
    [InlineData("subject:Patient=g1")]
    // a deleted target is not a chain target
    [InlineData("subject:Patient.name=smith&subject=Patient/gone")]
    public async Task Nothing_matches(string query)
        => Assert.Empty(await db.IdsAsync("Observation", query));

    [Fact]
    public async Task A_thousand_OR_values_are_one_search_and_more_are_refused()
    {
        var many = string.Join(',', Enumerable.Range(0, 998).Select(i => $"Patient/x{i}").Append("Patient/p1").Append("Group/g1"));

        Assert.Equal(["o1", "o3"], await db.IdsAsync("Observation", "subject=" + many));
        var error = await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Observation", "subject=" + many + ",Patient/p2"));
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_id_means_the_single_target_type()
        => Assert.Equal(["e1"], await db.IdsAsync("Encounter", "practitioner=pr1"));

    [Fact]
    public async Task Task_by_patient_identifier()
        => Assert.Equal(["t1"], await db.IdsAsync("Task", "patient.identifier=urn:mrn|123"));

    [Theory]
    // _has: "select resources based on the properties of resources that refer to them"
    [InlineData("_has:Observation:patient:code=1234-5", "p1")]
    [InlineData("_has:Observation:subject:code=http://loinc.org|", "p1,p2")]
    [InlineData("_has:Task:patient:_id=t2", "p2")]
    public async Task Patient_has(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("Patient", query));

    [Theory]
    [InlineData("Observation", "subject.nosuch=x")]
    [InlineData("Observation", "subject:Medication=x")]
    [InlineData("Observation", "code.name=x")]
    [InlineData("Patient", "_has:Nothing:patient:code=1")]
    [InlineData("Patient", "_has:Observation:code:code=1")]
    [InlineData("Patient", "_has:Observation:patient:nosuch=1")]
    public async Task Invalid_chains_are_errors(string type, string query)
        => await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync(type, query));

    [Fact]
    public async Task Two_level_chains_are_reported_as_unsupported()
    {
        var result = await db.SearchAsync("Observation", "subject:Patient.organization.name=x");
        Assert.Equal(["subject:Patient.organization.name"], result.IgnoredParameters);
    }
}
