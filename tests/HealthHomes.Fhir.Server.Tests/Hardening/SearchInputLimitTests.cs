using System.Net;
using System.Text;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Search input beyond the server's limits (FhirServer:MaxQueryParameters, MaxQueryValueLength, MaxRequestLineBytes, ASP.NET's form
/// limits, MaxRequestBodyBytes), as a form-encoded POST [type]/_search or as a GET query: 400, 413 or 414 with an
/// OperationOutcome, never a 500 or a stall; the store is unchanged and the server answers afterwards.
/// </summary>
public sealed class SearchInputLimitTests(FhirServerFactory server) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    /// <summary>(case, method, query string, form body; one of the two is used) and the status expected.</summary>
    public static TheoryData<string, HttpStatusCode> Cases => new()
    {
        { "form: 2,000 occurrences of one parameter", HttpStatusCode.BadRequest },
        { "form: 10,000 distinct parameters", HttpStatusCode.BadRequest },
        { "form: one 1 MB value", HttpStatusCode.BadRequest },
        { "form: a 5,000-character parameter name", HttpStatusCode.BadRequest },
        { "form: 2,000 comma values in one occurrence", HttpStatusCode.BadRequest },
        { "form: a 12 MB body", HttpStatusCode.RequestEntityTooLarge },
        { "query: 300 occurrences of one parameter", HttpStatusCode.BadRequest },
        { "query: one 100,000-character value (over the request line limit)", HttpStatusCode.RequestUriTooLong },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Search_input_beyond_the_limits_is_refused_with_an_OperationOutcome(string name, HttpStatusCode expected)
    {
        var probe = new HardeningProbe(server, _client);
        var before = await probe.FingerprintAsync();

        using var response = Request(name) is ({ } form, _)
            ? await _client.SendAsync(HttpMethod.Post, "Patient/_search", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"))
            : await _client.SendAsync(HttpMethod.Get, "Patient?" + Request(name).Query);

        Assert.Equal(expected, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error && !string.IsNullOrEmpty(i.Diagnostics));
        await probe.AssertUnchangedAndAliveAsync(before, name);
    }

    [Fact]
    public async Task A_form_within_the_limits_still_searches()
    {
        var family = "Limits" + Guid.NewGuid().ToString("N");
        await _client.CreateAsync(new Patient { Name = [new HumanName { Family = family }] });
        var form = string.Join('&', Enumerable.Repeat("family=" + family, 50));

        using var response = await _client.SendAsync(HttpMethod.Post, "Patient/_search", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await response.ReadAsync<Bundle>()).Entry);
    }

    /// <summary>The form body (POST) or the query (GET) of a case.</summary>
    private static (string? Form, string? Query) Request(string name) => name switch
    {
        "form: 2,000 occurrences of one parameter" => (string.Join('&', Enumerable.Repeat("name=a", 2000)), null),
        "form: 10,000 distinct parameters" => (string.Join('&', Enumerable.Range(0, 10_000).Select(i => $"p{i}=x")), null),
        "form: one 1 MB value" => ("name=" + new string('a', 1024 * 1024), null),
        "form: a 5,000-character parameter name" => (new string('n', 5000) + "=a", null),
        "form: 2,000 comma values in one occurrence" => ("name=" + string.Join("%2C", Enumerable.Repeat("a", 2000)), null),
        "form: a 12 MB body" => ("name=" + string.Join("&name=", Enumerable.Repeat(new string('a', 1_000_000), 12)), null),
        "query: 300 occurrences of one parameter" => (null, string.Join('&', Enumerable.Repeat("name=a", 300))),
        "query: one 100,000-character value (over the request line limit)" => (null, "name=" + new string('a', 100_000)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name),
    };
}
