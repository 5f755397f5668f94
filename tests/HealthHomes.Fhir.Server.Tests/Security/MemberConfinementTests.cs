using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// Members confined on every path: a patient/ token sees its launch patient's record only; a user/ token sees the
/// members served by the user's organizations (PractitionerRole), the whole network for a Lead Entity's staff, and
/// the members whose CareTeams name the user; a system client registered for one Health Home Partner sees that
/// partner's members. Searches, _id lists, includes, revincludes, _has, chains, history, counts, reads and operations
/// leak nothing; writes outside the confinement are 403 and change nothing.
/// </summary>
public sealed class MemberConfinementTests(MemberConfinementTests.Server server) : IClassFixture<MemberConfinementTests.Server>
{
    /// <summary>Lead Entity "le" with partners hhp1 and hhp2; members m1 (hhp1), m2 (hhp2), m3 (hhp1, enrollment finished), m4 (no enrollment, on pr2's CareTeam).</summary>
    public sealed class Server : FhirServerFactory
    {
        private readonly Lazy<bool> _seeded;

        public Server() => _seeded = new(Seed);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => SmartTestClients.Registration("hhp1-reporting", "system/*.rs", "hhp1");

        public void EnsureSeeded() => _ = _seeded.Value;

        private bool Seed()
        {
            using var client = CreateFhirClient();
            string[] resources =
            [
                """{"resourceType":"Organization","id":"le","name":"Lead Entity"}""",
                """{"resourceType":"Organization","id":"hhp1","name":"Partner 1","partOf":{"reference":"Organization/le"}}""",
                """{"resourceType":"Organization","id":"hhp2","name":"Partner 2","partOf":{"reference":"Organization/le"}}""",
                """{"resourceType":"Practitioner","id":"pr1"}""",
                """{"resourceType":"Practitioner","id":"pr2"}""",
                """{"resourceType":"Practitioner","id":"prle"}""",
                """{"resourceType":"PractitionerRole","id":"role1","active":true,"practitioner":{"reference":"Practitioner/pr1"},"organization":{"reference":"Organization/hhp1"}}""",
                """{"resourceType":"PractitionerRole","id":"role2","active":true,"practitioner":{"reference":"Practitioner/pr2"},"organization":{"reference":"Organization/hhp2"}}""",
                """{"resourceType":"PractitionerRole","id":"rolele","active":true,"practitioner":{"reference":"Practitioner/prle"},"organization":{"reference":"Organization/le"}}""",
                """{"resourceType":"Patient","id":"m1","name":[{"family":"One"}]}""",
                """{"resourceType":"Patient","id":"m2","name":[{"family":"Two"}]}""",
                """{"resourceType":"Patient","id":"m3","name":[{"family":"Three"}]}""",
                """{"resourceType":"Patient","id":"m4","name":[{"family":"Four"}]}""",
                """{"resourceType":"EpisodeOfCare","id":"e1","status":"active","patient":{"reference":"Patient/m1"},"managingOrganization":{"reference":"Organization/hhp1"}}""",
                """{"resourceType":"EpisodeOfCare","id":"e2","status":"active","patient":{"reference":"Patient/m2"},"managingOrganization":{"reference":"Organization/hhp2"}}""",
                """{"resourceType":"EpisodeOfCare","id":"e3","status":"finished","patient":{"reference":"Patient/m3"},"managingOrganization":{"reference":"Organization/hhp1"}}""",
                """{"resourceType":"CareTeam","id":"ct4","status":"active","subject":{"reference":"Patient/m4"},"participant":[{"member":{"reference":"Practitioner/pr2"}}]}""",
                """{"resourceType":"Task","id":"t1","status":"requested","intent":"order","for":{"reference":"Patient/m1"}}""",
                """{"resourceType":"Task","id":"t2","status":"requested","intent":"order","for":{"reference":"Patient/m2"}}""",
                """{"resourceType":"Task","id":"t3","status":"requested","intent":"order","for":{"reference":"Patient/m3"}}""",
                """{"resourceType":"Task","id":"t4","status":"requested","intent":"order","for":{"reference":"Patient/m4"}}""",
            ];
            FhirHttp.PutAll(client, resources);

            return true;
        }
    }

    /// <summary>Who asks: a patient/ token for m1, user/ tokens for pr1 (hhp1), pr2 (hhp2, on m4's CareTeam), prle (the Lead Entity), and hhp1's reporting client.</summary>
    private HttpClient Caller(string who)
    {
        server.EnsureSeeded();
        return who switch
        {
            "patient-m1" => server.CreateClientWithToken(MintedTokens.Create(server, "patient/*.cruds launch/patient", patient: "m1")),
            "pr1" => server.CreateClientWithToken(MintedTokens.Create(server, "user/*.cruds openid fhirUser", fhirUser: "Practitioner/pr1")),
            "pr2" => server.CreateClientWithToken(MintedTokens.Create(server, "user/*.cruds openid fhirUser", fhirUser: "Practitioner/pr2")),
            "prle" => server.CreateClientWithToken(MintedTokens.Create(server, "user/*.cruds openid fhirUser", fhirUser: "Practitioner/prle")),
            "hhp1-reporting" => server.CreateClientWithToken(ReportingToken()),
            _ => throw new ArgumentOutOfRangeException(nameof(who)),
        };
    }

    private string ReportingToken()
    {
        using var http = server.Server.CreateClient();
        return SmartTestClients.TokenAsync(http, new Uri("http://localhost/"), "hhp1-reporting", "system/*.rs").GetAwaiter().GetResult();
    }

    public static TheoryData<string, string, string> Searches => new()
    {
        // who, search, the ids expected (type/id, sorted), nothing else
        { "patient-m1", "Task", "Task/t1" },
        { "patient-m1", "Task?_id=t1,t2,t3", "Task/t1" },
        { "patient-m1", "Task?_include=Task:patient", "Patient/m1,Task/t1" },
        { "patient-m1", "Patient?_revinclude=Task:patient", "Patient/m1,Task/t1" },
        { "patient-m1", "Patient?_has:Task:patient:status=requested", "Patient/m1" },
        { "patient-m1", "Task?patient.name=Two", "" },
        { "patient-m1", "EpisodeOfCare?_include=EpisodeOfCare:organization", "EpisodeOfCare/e1,Organization/hhp1" },
        { "patient-m1", "?_type=Patient,Task", "Patient/m1,Task/t1" },
        { "pr1", "Patient", "Patient/m1" },
        { "pr1", "Task?_include=Task:patient", "Patient/m1,Task/t1" },
        { "pr1", "Task?_id=t2,t3,t4", "" },
        { "pr1", "Patient?_revinclude=EpisodeOfCare:patient", "EpisodeOfCare/e1,Patient/m1" },
        { "pr1", "Task?patient.name=Two", "" },
        { "pr1", "Organization?_id=hhp1&_revinclude=EpisodeOfCare:organization&_include:iterate=EpisodeOfCare:patient", "EpisodeOfCare/e1,Organization/hhp1,Patient/m1" },
        { "patient-m1", "Organization?_id=hhp1&_revinclude=EpisodeOfCare:organization&_include:iterate=EpisodeOfCare:patient", "EpisodeOfCare/e1,Organization/hhp1,Patient/m1" },
        { "pr2", "Patient", "Patient/m2,Patient/m4" },
        { "pr2", "Task", "Task/t2,Task/t4" },
        { "prle", "Patient", "Patient/m1,Patient/m2" },
        { "prle", "Task?_has:Task:part-of:status=requested", "" },
        { "hhp1-reporting", "Task", "Task/t1" },
        { "hhp1-reporting", "Patient?_has:Task:patient:status=requested", "Patient/m1" },
        { "hhp1-reporting", "Organization?_id=le,hhp1,hhp2", "Organization/hhp1,Organization/hhp2,Organization/le" },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task A_search_returns_only_the_callers_members(string who, string search, string expected)
    {
        using var client = Caller(who);
        using var response = await client.SendAsync(HttpMethod.Get, search);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await response.ReadAsync<Bundle>();
        var found = bundle.Entry.Select(e => $"{e.Resource!.TypeName}/{e.Resource.Id}").Order(StringComparer.Ordinal);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), found);
    }

    [Theory]
    [InlineData("patient-m1", "Patient", 1)]
    [InlineData("pr2", "Patient", 2)]
    [InlineData("prle", "Patient", 2)]
    [InlineData("prle", "EpisodeOfCare", 2)]
    [InlineData("hhp1-reporting", "EpisodeOfCare", 1)]
    public async Task Counts_count_only_the_callers_members(string who, string type, int expected)
    {
        using var client = Caller(who);
        using var response = await client.SendAsync(HttpMethod.Get, $"{type}?_summary=count");
        Assert.Equal(expected, (await response.ReadAsync<Bundle>()).Total);
    }

    [Theory]
    [InlineData("patient-m1", "Patient/m1", 200)]
    [InlineData("patient-m1", "Patient/m2", 404)]
    [InlineData("patient-m1", "Task/t2", 404)]
    [InlineData("patient-m1", "Task/t2/_history/1", 404)]
    [InlineData("patient-m1", "Patient/m2/$engagement-status", 404)]
    [InlineData("patient-m1", "Organization/hhp2", 200)]
    [InlineData("pr1", "Task/t1", 200)]
    [InlineData("pr1", "Task/t3", 404)]
    [InlineData("pr1", "Patient/m2/$deadline-compliance", 404)]
    [InlineData("pr2", "Patient/m4", 200)]
    [InlineData("hhp1-reporting", "Patient/m2", 404)]
    public async Task A_read_outside_the_confinement_is_404(string who, string url, int expected)
    {
        using var client = Caller(who);
        using var response = await client.SendAsync(HttpMethod.Get, url);
        Assert.True(expected == (int)response.StatusCode, $"{who} GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("patient-m1", "_history")]
    [InlineData("patient-m1", "Task/_history")]
    [InlineData("patient-m1", "Task/t2/_history")]
    [InlineData("pr1", "_history")]
    [InlineData("hhp1-reporting", "Patient/_history")]
    public async Task History_shows_nothing_of_other_members(string who, string url)
    {
        using var client = Caller(who);
        using var response = await client.SendAsync(HttpMethod.Get, url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "_count=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await response.ReadAsync<Bundle>()).Entry.Select(e => e.FullUrl ?? e.Request?.Url ?? "").ToList();
        foreach (var other in new[] { "Patient/m2", "Task/t2", "Patient/m3", "Task/t3", "Patient/m4", "Task/t4" })
        {
            Assert.DoesNotContain(ids, id => id.Contains(other, StringComparison.Ordinal));
        }
    }

    public static TheoryData<string, string, string, string> Writes => new()
    {
        { "patient-m1", "POST", "Task", """{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/m2"}}""" },
        { "patient-m1", "PUT", "Task/t2", """{"resourceType":"Task","id":"t2","status":"cancelled","intent":"order","for":{"reference":"Patient/m2"}}""" },
        { "patient-m1", "PUT", "Task/t1", """{"resourceType":"Task","id":"t1","status":"requested","intent":"order","for":{"reference":"Patient/m2"}}""" },
        { "patient-m1", "POST", "Patient", """{"resourceType":"Patient"}""" },
        { "patient-m1", "POST", "", """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/m1"}},"request":{"method":"POST","url":"Task"}},{"resource":{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/m2"}},"request":{"method":"POST","url":"Task"}}]}""" },
        { "pr1", "POST", "Task", """{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/m2"}}""" },
        { "pr1", "PUT", "Patient/m2", """{"resourceType":"Patient","id":"m2"}""" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_outside_the_confinement_is_403_and_changes_nothing(string who, string method, string url, string body)
    {
        using var client = Caller(who);
        var probe = new HardeningProbe(server, server.CreateFhirClient());
        var before = await probe.FingerprintAsync();
        using var response = await client.SendAsync(new HttpMethod(method), url, FhirHttp.Body(body));
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} {method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await probe.AssertUnchangedAndAliveAsync(before, $"{who} {method} {url}");
    }

    [Fact]
    public async Task A_delete_of_another_members_resource_deletes_nothing()
    {
        using var client = Caller("patient-m1");
        using var response = await client.SendAsync(HttpMethod.Delete, "Task/t2");
        Assert.True(response.IsSuccessStatusCode);
        using var admin = server.CreateFhirClient();
        using var read = await admin.SendAsync(HttpMethod.Get, "Task/t2");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task A_write_inside_the_confinement_is_allowed()
    {
        using var client = Caller("patient-m1");
        using var response = await client.SendAsync(HttpMethod.Post, "Task", FhirHttp.Body("""{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/m1"}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
