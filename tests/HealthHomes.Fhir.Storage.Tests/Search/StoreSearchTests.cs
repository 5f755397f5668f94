using HealthHomes.Fhir.Storage.Sqlite;
using HealthHomes.Fhir.Storage.Tests.Store;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>The search compiler over rows written by the real store and indexer: the two sides agree on the index row contract.</summary>
public sealed class StoreSearchFixture : IAsyncLifetime
{
    private TemporaryStore _temporary = null!;

    public SqliteResourceStore Store => _temporary.Store;

    public async Task InitializeAsync()
    {
        _temporary = await TemporaryStore.CreateAsync("store-search");
        await using var session = await Store.BeginWriteAsync();
        await session.WriteAsync(new Patient
        {
            Id = "p1",
            Name = [new HumanName { Family = "Ábalos", Given = ["Eve"] }],
            BirthDate = "1974",
            Gender = AdministrativeGender.Female,
            Identifier = [new Identifier("urn:mrn", "123") { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR") }],
        }, null);
        await session.WriteAsync(new Patient { Id = "p2", Name = [new HumanName { Family = "Smith" }], BirthDate = "1980-05-02", Gender = AdministrativeGender.Male }, null);
        await session.WriteAsync(new Observation
        {
            Id = "o1",
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "1234-5", "Glucose"),
            Subject = new ResourceReference("Patient/p1"),
            Effective = new Period { Start = "2015-02-15", End = "2015-03-15" },
            Value = new Quantity(5.4m, "mg", "http://unitsofmeasure.org"),
        }, null);
        await session.WriteAsync(new Observation { Id = "o2", Status = ObservationStatus.Final, Code = new CodeableConcept { Text = "free text" }, Subject = new ResourceReference { Display = "someone" } }, null);
        await session.CommitAsync();
    }

    public Task DisposeAsync()
    {
        _temporary.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class StoreSearchTests(StoreSearchFixture db) : IClassFixture<StoreSearchFixture>
{
    [Theory]
    [InlineData("Patient", "name=abalos", "p1")]
    [InlineData("Patient", "given=EV", "p1")]
    [InlineData("Patient", "family:exact=Smith", "p2")]
    [InlineData("Patient", "birthdate=1974", "p1")]
    [InlineData("Patient", "birthdate=lt1975&birthdate=ge1974", "p1")]
    [InlineData("Patient", "birthdate=1980-05", "p2")]
    [InlineData("Patient", "gender=male", "p2")]
    [InlineData("Patient", "identifier=urn:mrn|123", "p1")]
    [InlineData("Patient", "identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|123", "p1")]
    [InlineData("Patient", "_has:Observation:subject:code=1234-5", "p1")]
    [InlineData("Observation", "code=http://loinc.org|1234-5", "o1")]
    [InlineData("Observation", "code:text=gluc", "o1")]
    [InlineData("Observation", "code:missing=true", "o2")]
    [InlineData("Observation", "subject:missing=true", "o2")]
    [InlineData("Observation", "status=final", "o1,o2")]
    [InlineData("Observation", "date=ge2015-03", "")]
    [InlineData("Observation", "date=le2015-03", "o1")]
    [InlineData("Observation", "date=2015", "o1")]
    [InlineData("Observation", "value-quantity=5.4|http://unitsofmeasure.org|mg", "o1")]
    [InlineData("Observation", "value-quantity=lt6", "o1")]
    [InlineData("Observation", "subject=p1", "o1")]
    [InlineData("Observation", "subject:Patient.name=abal", "o1")]
    [InlineData("Observation", "patient.identifier=urn:mrn|123", "o1")]
    public async Task Written_resources_are_found(string type, string query, string expected)
    {
        var result = await db.Store.SearchAsync(new SearchRequest(type, IndexedResourceSeeder.Parse(query)), AccessFilter.Everything);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), result.Matches.Select(m => m.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_write_session_sees_its_own_uncommitted_writes()
    {
        await using var session = await db.Store.BeginWriteAsync();
        await session.WriteAsync(new Patient { Id = "p3", Name = [new HumanName { Family = "Uncommitted" }] }, null);
        var inside = await session.SearchAsync(new SearchRequest("Patient", [new("name", "uncommitted")]), AccessFilter.Everything);
        Assert.Equal(["p3"], inside.Matches.Select(m => m.Id));
    }
}
