using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// SMART v1 and v2 scopes against every kind of interaction: what the scopes grant runs, anything else is 403 with an
/// OperationOutcome and changes nothing. A transaction runs only if every entry is allowed; an operation only if the
/// scopes grant everything it reads and writes.
/// </summary>
public sealed class ScopeEnforcementTests : IClassFixture<FhirServerFactory>
{
    private const string Transaction = """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Task","status":"requested","intent":"order"},"request":{"method":"POST","url":"Task"}},{"resource":{"resourceType":"Patient","active":true},"request":{"method":"POST","url":"Patient"}}]}""";

    private readonly FhirServerFactory _factory;

    public ScopeEnforcementTests(FhirServerFactory factory)
    {
        _factory = factory;
        using var admin = factory.CreateFhirClient();
        FhirHttp.PutAll(admin,
        [
            """{"resourceType":"Patient","id":"scoped-p"}""",
            """{"resourceType":"Task","id":"scoped-t","status":"requested","intent":"order","for":{"reference":"Patient/scoped-p"}}""",
        ]);
    }

    public static TheoryData<string, string, string, string?, int> Cases => new()
    {
        // scopes, method, url, body, expected status
        { "system/Task.rs", "GET", "Task/scoped-t", null, 200 },
        { "system/Task.rs", "GET", "Task/scoped-t/_history/1", null, 200 },
        { "system/Task.rs", "GET", "Task?status=requested", null, 200 },
        { "system/Task.rs", "GET", "Task/scoped-t/_history", null, 200 },
        { "system/Task.rs", "GET", "Task/_history", null, 200 },
        { "system/Task.rs", "GET", "Patient/scoped-p", null, 403 },
        { "system/Task.rs", "POST", "Task", """{"resourceType":"Task","status":"requested","intent":"order"}""", 403 },
        { "system/Task.rs", "DELETE", "Task/scoped-t", null, 403 },
        { "system/Task.r", "GET", "Task?status=requested", null, 403 },
        { "system/Task.s", "GET", "Task/scoped-t", null, 403 },
        { "system/Task.c", "POST", "Task", """{"resourceType":"Task","status":"requested","intent":"order"}""", 201 },
        { "system/Task.c", "GET", "Task/scoped-t", null, 403 },
        { "system/Task.c", "POST", "Task", """{"resourceType":"Patient"}""", 400 },
        { "system/Task.cu", "PUT", "Task?identifier=x|y", """{"resourceType":"Task","status":"requested","intent":"order"}""", 403 },
        { "system/Task.cus", "PUT", "Task?identifier=x|y", """{"resourceType":"Task","status":"requested","intent":"order"}""", 201 },
        { "system/Task.u", "PATCH", "Task/scoped-t", null, 200 },
        { "system/Task.d", "DELETE", "Task/nothing-here", null, 204 },
        { "system/Task.rs", "GET", "Task/scoped-t/$validate", null, 200 },
        { "system/Task.read", "GET", "Task/scoped-t", null, 200 },
        { "system/Task.read", "POST", "Task", """{"resourceType":"Task","status":"requested","intent":"order"}""", 403 },
        { "system/*.write", "POST", "Task", """{"resourceType":"Task","status":"requested","intent":"order"}""", 201 },
        { "system/*.write", "GET", "Task/scoped-t", null, 403 },
        { "system/*.*", "GET", "Patient/scoped-p", null, 200 },
        { "system/*.rs", "GET", "?_type=Task", null, 200 },
        { "system/Patient.rs", "GET", "_history", null, 200 },
        { "system/Patient.c", "GET", "_history", null, 403 },
        { "system/Task.c system/Patient.c", "POST", "", Transaction, 200 },
        { "system/Task.c", "POST", "", Transaction, 403 },
        { "system/Patient.rs", "GET", "Patient/scoped-p/$engagement-status", null, 403 },
        { "system/*.rs", "GET", "Patient/scoped-p/$engagement-status", null, 422 }, // allowed: the member has no enrollment
        { "system/*.rs", "POST", "Patient/scoped-p/$assign-ecm-provider", """{"resourceType":"Parameters"}""", 403 },
        { "openid fhirUser", "GET", "Patient/scoped-p", null, 403 },
        { "patient/Task.sr", "GET", "Task/scoped-t", null, 403 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Scopes_allow_exactly_their_interactions(string scopes, string method, string url, string? body, int expected)
    {
        using var client = _factory.CreateClientWithToken(MintedTokens.Create(_factory, scopes));
        var probe = new HardeningProbe(_factory, _factory.CreateFhirClient());
        var before = await probe.FingerprintAsync();
        var content = method == "PATCH"
            ? FhirHttp.Body("""[{"op":"replace","path":"/status","value":"requested"}]""", "application/json-patch+json")
            : body is null ? null : FhirHttp.Body(body);

        using var response = await client.SendAsync(new HttpMethod(method), url, content);

        Assert.True(expected == (int)response.StatusCode, $"{scopes}: {method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (expected == 403)
        {
            var issue = Assert.Single((await response.ReadAsync<OperationOutcome>()).Issue);
            Assert.Equal(OperationOutcome.IssueType.Forbidden, issue.Code);
            await probe.AssertUnchangedAndAliveAsync(before, $"{scopes}: {method} {url}");
        }
    }

    [Fact]
    public async Task A_granular_scope_shows_only_what_its_restriction_matches()
    {
        using var admin = _factory.CreateFhirClient();
        FhirHttp.PutAll(admin, ["""{"resourceType":"Task","id":"scoped-done","status":"completed","intent":"order","for":{"reference":"Patient/scoped-p"}}"""]);
        using var client = _factory.CreateClientWithToken(MintedTokens.Create(_factory, "system/Task.rs?status=requested"));

        var bundle = await (await client.SendAsync(HttpMethod.Get, "Task?_id=scoped-t,scoped-done")).ReadAsync<Bundle>();
        Assert.Equal(["scoped-t"], bundle.Entry.Select(e => e.Resource!.Id));
        using var hidden = await client.SendAsync(HttpMethod.Get, "Task/scoped-done");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var write = await client.SendAsync(HttpMethod.Post, "Task", FhirHttp.Body("""{"resourceType":"Task","status":"requested","intent":"order"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task A_system_search_shows_only_the_types_the_scopes_name()
    {
        using var client = _factory.CreateClientWithToken(MintedTokens.Create(_factory, "system/Task.rs"));
        using var response = await client.SendAsync(HttpMethod.Get, "?_type=Task,Patient&_count=1000");
        var bundle = await response.ReadAsync<Bundle>();
        Assert.Contains(bundle.Entry, e => e.Resource is Hl7.Fhir.Model.Task);
        Assert.DoesNotContain(bundle.Entry, e => e.Resource is Patient);
    }

    [Fact]
    public async Task An_include_of_a_type_the_scopes_do_not_name_returns_nothing_of_it()
    {
        using var client = _factory.CreateClientWithToken(MintedTokens.Create(_factory, "system/Task.rs"));
        using var response = await client.SendAsync(HttpMethod.Get, "Task?_id=scoped-t&_include=Task:patient");
        var bundle = await response.ReadAsync<Bundle>();
        Assert.Equal(["Task"], bundle.Entry.Select(e => e.Resource!.TypeName).Distinct());
    }
}
