using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>
/// The resource types the programs use, each through create, read, a search by one of its own parameters, update,
/// history and delete. "{u}" in a row is replaced by a value unique to the test run.
/// </summary>
public sealed class ProgramResourceTypesTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    public static TheoryData<string, string, string> ProgramResources => new()
    {
        // type, resource JSON, a search that must find it
        { "Patient", """{"resourceType":"Patient","identifier":[{"system":"https://kancare.example/medicaid-id","value":"{u}"}],"name":[{"family":"Whitehorse{u}"}],"birthDate":"1985-04-12"}""", "family=whitehorse{u}" },
        { "EpisodeOfCare", """{"resourceType":"EpisodeOfCare","identifier":[{"system":"urn:test","value":"{u}"}],"status":"active","patient":{"reference":"Patient/m-{u}"},"managingOrganization":{"reference":"Organization/hhp-{u}"},"period":{"start":"2026-01-15"}}""", "patient=m-{u}&organization=Organization/hhp-{u}&date=ge2026-01-15&date=lt2026-01-16" },
        { "CarePlan", """{"resourceType":"CarePlan","identifier":[{"system":"urn:test","value":"{u}"}],"status":"active","intent":"plan","category":[{"coding":[{"system":"https://fhir.healthhomes.example/CodeSystem/care-plan-category","code":"hap"}]}],"subject":{"reference":"Patient/m-{u}"},"period":{"start":"2026-02-01"}}""", "subject=Patient/m-{u}&category=https://fhir.healthhomes.example/CodeSystem/care-plan-category|hap&status=active" },
        { "CareTeam", """{"resourceType":"CareTeam","identifier":[{"system":"urn:test","value":"{u}"}],"status":"active","subject":{"reference":"Patient/m-{u}"},"participant":[{"member":{"reference":"Practitioner/lcm-{u}"}}]}""", "patient=m-{u}&participant=Practitioner/lcm-{u}" },
        { "Task", """{"resourceType":"Task","identifier":[{"system":"urn:test","value":"{u}"}],"status":"completed","intent":"order","code":{"coding":[{"system":"https://fhir.healthhomes.example/CodeSystem/task-code","code":"outreach-attempt"}]},"for":{"reference":"Patient/m-{u}"},"executionPeriod":{"start":"2026-03-02T08:15:00-06:00"}}""", "patient=m-{u}&code=outreach-attempt&status=completed&period=ge2026-03-02T08:00-06:00" },
        { "Communication", """{"resourceType":"Communication","identifier":[{"system":"urn:test","value":"{u}"}],"status":"completed","subject":{"reference":"Patient/m-{u}"},"sent":"2026-03-03T10:00:00Z","partOf":[{"reference":"Task/t-{u}"}]}""", "subject=Patient/m-{u}&part-of=Task/t-{u}&sent=ge2026-03-03" },
        { "Encounter", """{"resourceType":"Encounter","identifier":[{"system":"urn:test","value":"{u}"}],"status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},"subject":{"reference":"Patient/m-{u}"},"period":{"start":"2026-04-01","end":"2026-04-05"}}""", "subject=m-{u}&class=IMP&date=ge2026-04-04" },
        { "Organization", """{"resourceType":"Organization","identifier":[{"system":"urn:test","value":"{u}"}],"active":true,"name":"Prairie View HHP {u}","type":[{"text":"Community mental health center"}]}""", "name=prairie view hhp {u}&active=true" },
        { "Practitioner", """{"resourceType":"Practitioner","identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"{u}"}],"name":[{"family":"Nurse{u}","given":["Ann"]}]}""", "identifier=http://hl7.org/fhir/sid/us-npi|{u}&name=nurse{u}" },
        { "PractitionerRole", """{"resourceType":"PractitionerRole","identifier":[{"system":"urn:test","value":"{u}"}],"practitioner":{"reference":"Practitioner/p-{u}"},"organization":{"reference":"Organization/o-{u}"},"code":[{"coding":[{"system":"https://fhir.healthhomes.example/CodeSystem/care-team-role","code":"nurse-care-coordinator"}]}]}""", "practitioner=p-{u}&role=nurse-care-coordinator" },
        { "RelatedPerson", """{"resourceType":"RelatedPerson","identifier":[{"system":"urn:test","value":"{u}"}],"patient":{"reference":"Patient/m-{u}"},"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"GUARD"}]}],"name":[{"family":"Guardian{u}"}]}""", "patient=m-{u}&relationship=GUARD" },
        { "Consent", """{"resourceType":"Consent","identifier":[{"system":"urn:test","value":"{u}"}],"status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},"category":[{"text":"Program participation"}],"patient":{"reference":"Patient/m-{u}"},"policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTOUT"}]},"provision":{"type":"deny"}}""", "patient=m-{u}&status=active&scope=treatment" },
        { "ServiceRequest", """{"resourceType":"ServiceRequest","identifier":[{"system":"urn:test","value":"{u}"}],"status":"active","intent":"order","subject":{"reference":"Patient/m-{u}"},"authoredOn":"2026-05-01T09:00:00Z","performer":[{"reference":"Organization/cbo-{u}"}]}""", "subject=m-{u}&performer=Organization/cbo-{u}&authored=2026-05" },
        { "Goal", """{"resourceType":"Goal","identifier":[{"system":"urn:test","value":"{u}"}],"lifecycleStatus":"active","description":{"text":"Find part-time work"},"subject":{"reference":"Patient/m-{u}"}}""", "subject=Patient/m-{u}&lifecycle-status=active" },
        { "Provenance", """{"resourceType":"Provenance","target":[{"reference":"CarePlan/hap-{u}"}],"recorded":"2026-06-01T12:00:00Z","agent":[{"who":{"reference":"Practitioner/p-{u}"}}]}""", "target=CarePlan/hap-{u}&agent=Practitioner/p-{u}" },
    };

    [Theory]
    [MemberData(nameof(ProgramResources))]
    public async Task Create_read_search_update_history_and_delete(string type, string json, string search)
    {
        var u = Guid.NewGuid().ToString("N")[..12];
        using var create = await _client.SendAsync(HttpMethod.Post, type, FhirHttp.Body(json.Replace("{u}", u, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = await create.ReadAsync<Resource>();

        using var read = await _client.SendAsync(HttpMethod.Get, $"{type}/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(created.IsExactly(await read.ReadAsync<Resource>()), $"{type} read back differs from what was created");

        using var found = await _client.SendAsync(HttpMethod.Get, $"{type}?{search.Replace("{u}", u, StringComparison.Ordinal)}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var bundle = await found.ReadAsync<Bundle>();
        Assert.Equal([created.Id], bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id));

        using var update = await _client.SendAsync(HttpMethod.Put, $"{type}/{created.Id}", FhirHttp.Body(created), ("If-Match", "W/\"1\""));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        using var delete = await _client.SendAsync(HttpMethod.Delete, $"{type}/{created.Id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var history = await _client.SendAsync(HttpMethod.Get, $"{type}/{created.Id}/_history");
        Assert.Equal(3, (await history.ReadAsync<Bundle>()).Entry.Count);
        using var gone = await _client.SendAsync(HttpMethod.Get, $"{type}?{search.Replace("{u}", u, StringComparison.Ordinal)}");
        Assert.Empty((await gone.ReadAsync<Bundle>()).Entry);
    }
}
