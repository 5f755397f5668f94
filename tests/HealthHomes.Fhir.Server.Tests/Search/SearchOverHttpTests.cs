using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Search;

/// <summary>
/// The search features of the foundation, each through the real HTTP pipeline (the Storage tests pin the full
/// semantics table per type; these prove the REST surface carries every one of them). "{u}" stands for the run prefix.
/// </summary>
public sealed class SearchOverHttpTests(SearchOverHttpFixture fixture) : IClassFixture<SearchOverHttpFixture>
{
    [Theory]
    // token: code, system|code, :not (includes resources without a value), :missing, system|, :of-type, :text, boolean
    [InlineData("Patient?gender=female", "p1")]
    [InlineData("Patient?gender=http://hl7.org/fhir/administrative-gender|male", "p2")]
    [InlineData("Patient?gender:not=female", "p2,p3")]
    [InlineData("Patient?gender:missing=true", "p3")]
    [InlineData("Patient?identifier=urn:mrn|123", "p1")]
    [InlineData("Patient?identifier=|123", "")]
    [InlineData("Patient?identifier=urn:mrn|", "p1,p2")]
    [InlineData("Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|123", "p1")]
    [InlineData("Observation?code:text=gluc", "ob1")]
    [InlineData("Observation?code:missing=true", "ob2")] // text only: no indexable value
    [InlineData("Patient?active=true", "p1")]
    [InlineData("Patient?phone=785-555-0100", "p1")]
    // string: starts-with, case- and accent-insensitive; :exact; :contains
    [InlineData("Patient?name=abalos", "p1")]
    [InlineData("Patient?family=SMITH", "p2,p3")]
    [InlineData("Patient?family:exact=Smith", "p2")]
    [InlineData("Patient?family:contains=MITH", "p2,p3")]
    [InlineData("Patient?given=eve", "p1,p2")]
    // date: ranges of the value's precision, prefixes
    [InlineData("Patient?birthdate=1974", "p1")]
    [InlineData("Patient?birthdate=lt1980", "p1")]
    [InlineData("Patient?birthdate=ge1980-05-15", "p2,p3")]
    [InlineData("Patient?birthdate=sa1980-12", "p3")]
    [InlineData("Patient?birthdate=eb1975", "p1")]
    [InlineData("Patient?birthdate=ne1974", "p2,p3")]
    [InlineData("Observation?date=2015-02", "ob1")]
    // reference: Type/id, bare id, :Type, :missing, chaining, _has
    [InlineData("Observation?subject=Patient/{u}-p1", "ob1")]
    [InlineData("Observation?subject:Patient={u}-p1", "ob1")]
    [InlineData("Observation?patient={u}-p2", "ob2")]
    [InlineData("Patient?organization:missing=true", "p2,p3")]
    [InlineData("Observation?subject:Patient.name=abalos", "ob1")]
    [InlineData("Task?patient.identifier=urn:mrn|456", "t2")]
    [InlineData("Patient?_has:Observation:subject:code=1234-5", "p1")]
    // number and quantity
    [InlineData("RiskAssessment?probability=gt0.5", "ra1")]
    [InlineData("RiskAssessment?probability=lt0.5", "")]
    [InlineData("Observation?value-quantity=5.4|http://unitsofmeasure.org|mg", "ob1")]
    [InlineData("Observation?value-quantity=gt100", "ob2")]
    [InlineData("Observation?value-quantity=lt100||mg", "ob1")]
    // uri and the common parameters
    [InlineData("Patient?_profile=https://example.org/StructureDefinition/prof-a", "p1")]
    [InlineData("Patient?_security=http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R", "p1")]
    [InlineData("Patient?_id={u}-p1,{u}-p3", "p1,p3")]
    [InlineData("Patient?_lastUpdated=ge2000", "p1,p2,p3")]
    // OR with commas, AND with repeated parameters
    [InlineData("Patient?gender=female,male", "p1,p2")]
    [InlineData("Patient?given=eve&family=smith", "p2")]
    [InlineData("Patient?birthdate=ge1974&birthdate=lt1981", "p1,p2")]
    public async Task Finds(string query, string expected)
    {
        var bundle = await SearchAsync(query);

        Assert.Equal(Expected(expected), Matches(bundle).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Patient?_sort=birthdate", "p1,p2,p3")]
    [InlineData("Patient?_sort=-birthdate", "p3,p2,p1")]
    [InlineData("Patient?_sort=family,-birthdate", "p1,p2,p3")]
    [InlineData("Patient?_sort=-gender", "p2,p1,p3")] // token by code, descending (male, female), no value last
    public async Task Sorts(string query, string expected)
    {
        var bundle = await SearchAsync(query);

        Assert.Equal(Expected(expected), Matches(bundle));
    }

    [Fact]
    public async Task Include_revinclude_and_iterate_add_the_related_resources_once()
    {
        var include = await SearchAsync("Task?_include=Task:patient");
        var revinclude = await SearchAsync("Patient?_id={u}-p1&_revinclude=Observation:subject");
        var iterate = await SearchAsync("Observation?code=1234-5&_include=Observation:subject&_include:iterate=Patient:organization");

        Assert.Equal(Expected("p1,p2"), Included(include).Order(StringComparer.Ordinal));
        Assert.Equal(Expected("ob1"), Included(revinclude));
        Assert.Equal(Expected("o1,p1"), Included(iterate).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Total_and_next_links_page_through_every_match()
    {
        var first = await SearchAsync("Patient?_count=2&_total=accurate&_sort=birthdate");
        var next = first.Link.Single(l => l.Relation == "next").Url;
        using var response = await fixture.Client.SendAsync(HttpMethod.Get, next!);
        var second = await response.ReadAsync<Bundle>();

        Assert.Equal(3, first.Total);
        Assert.Equal(Expected("p1,p2"), Matches(first));
        Assert.Equal(Expected("p3"), Matches(second));
        Assert.DoesNotContain(second.Link, l => l.Relation == "next");
    }

    [Theory]
    [InlineData("Patient?birthdate=1974-13")]
    [InlineData("Patient?birthdate=yesterday")]
    [InlineData("Observation?value-quantity=lots")]
    [InlineData("Observation?subject:Patient.nonsense=x")]
    public async Task A_malformed_search_value_is_400_naming_the_parameter(string query)
    {
        using var response = await fixture.Client.SendAsync(HttpMethod.Get, query.Replace("{u}", fixture.Run, StringComparison.Ordinal), null, ("Prefer", "handling=strict"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadAsync<OperationOutcome>()).Issue[0].Expression);
    }

    private async Task<Bundle> SearchAsync(string query)
    {
        var url = query.Replace("{u}", fixture.Run, StringComparison.Ordinal) + $"&_tag=urn:run|{fixture.Run}";
        using var response = await fixture.Client.SendAsync(HttpMethod.Get, url);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<Bundle>();
    }

    private IEnumerable<string> Matches(Bundle bundle) => Ids(bundle, Bundle.SearchEntryMode.Match);

    private IEnumerable<string> Included(Bundle bundle) => Ids(bundle, Bundle.SearchEntryMode.Include);

    private IEnumerable<string> Ids(Bundle bundle, Bundle.SearchEntryMode mode)
        => bundle.Entry.Where(e => e.Search?.Mode == mode).Select(e => e.Resource!.Id!.Replace(fixture.Run + "-", "", StringComparison.Ordinal)).ToList();

    private static string[] Expected(string ids) => ids.Length == 0 ? [] : ids.Split(',');
}
