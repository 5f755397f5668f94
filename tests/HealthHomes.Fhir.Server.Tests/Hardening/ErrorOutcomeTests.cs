using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Errors answered before any interaction runs (no route, wrong method, a request line or headers over the limits,
/// bytes in the path no id can hold) are 4xx with an OperationOutcome like every other error, and leave the store
/// as it was. (Kestrel's own answers are in <see cref="KestrelEdgeTests"/>: this server runs on the TestServer.)
/// </summary>
public sealed class ErrorOutcomeTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private static readonly string LongQuery = "Patient?name=" + new string('a', 9000);

    private readonly HttpClient _client = factory.CreateFhirClient();

    public static TheoryData<string, string, int, int, int, OperationOutcome.IssueType, string?> BadRequests => new()
    {
        // method, url (relative to /fhir/, or an absolute path), extra headers (how many, bytes each), status, issue code, Allow
        { "GET", "/nothing-here", 0, 0, 404, OperationOutcome.IssueType.NotFound, null },
        { "GET", "/swagger/nothing-here.js", 0, 0, 404, OperationOutcome.IssueType.NotFound, null },
        { "POST", "metadata", 0, 0, 405, OperationOutcome.IssueType.NotSupported, "GET, HEAD" },
        { "DELETE", "metadata", 0, 0, 405, OperationOutcome.IssueType.NotSupported, "GET, HEAD" },
        { "PUT", "_history", 0, 0, 405, OperationOutcome.IssueType.NotSupported, "GET, HEAD" },
        { "GET", "_search", 0, 0, 405, OperationOutcome.IssueType.NotSupported, "POST" },
        { "DELETE", "Patient/1/_history/1", 0, 0, 405, OperationOutcome.IssueType.NotSupported, "GET, HEAD" },
        { "GET", LongQuery, 0, 0, 414, OperationOutcome.IssueType.TooLong, null },
        { "GET", "metadata", 100, 400, 431, OperationOutcome.IssueType.TooLong, null },
        { "GET", "metadata", 101, 10, 431, OperationOutcome.IssueType.TooLong, null },
        { "GET", "Patient/%FF%FE", 0, 0, 400, OperationOutcome.IssueType.Invalid, null },
        { "GET", "Patient/%C3%28", 0, 0, 400, OperationOutcome.IssueType.Invalid, null },
        { "DELETE", "Patient/%E2%82", 0, 0, 400, OperationOutcome.IssueType.Invalid, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task An_error_before_any_interaction_is_4xx_with_an_OperationOutcome(string method, string url, int extraHeaders, int headerBytes, int status, OperationOutcome.IssueType code, string? allow)
    {
        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url.StartsWith('/') ? new Uri(_client.BaseAddress!, url) : new Uri(url, UriKind.Relative));
        for (var i = 0; i < extraHeaders; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", new string('f', headerBytes));
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var issue = Assert.Single((await response.ReadAsync<OperationOutcome>()).Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Equal(code, issue.Code);
        Assert.False(string.IsNullOrWhiteSpace(issue.Diagnostics));
        if (allow is not null)
        {
            Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        }

        await probe.AssertUnchangedAndAliveAsync(before, $"{method} {url[..Math.Min(url.Length, 40)]}");
    }
}
