using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Bundles;

/// <summary>The Bundle itself is checked before any entry runs: a malformed one is 400, located, and nothing is stored.</summary>
public sealed class BundleValidationTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Theory]
    [InlineData("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"{id}"},"request":{"method":"PUT","url":"Patient/{id}"}}]}""", "Bundle.type")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","id":"{id}"},"request":{"method":"PUT","url":"Patient/{id}"}},{"resource":{"resourceType":"Patient","active":true}}]}""", "Bundle.entry[1].request.method")]
    [InlineData("""{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient","id":"{id}"},"request":{"method":"PUT","url":"Patient/{id}"}},{"request":{"method":"POST","url":"Patient"}}]}""", "Bundle.entry[1].resource")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","id":"{id}"},"request":{"method":"PUT","url":"Patient/{id}"}},{"request":{"method":"GET"}}]}""", "Bundle.entry[1].request.url")]
    [InlineData("""{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:6e1b6d2c-5a84-4c36-9a2e-1f0c3b7f1a11","resource":{"resourceType":"Patient","id":"{id}"},"request":{"method":"PUT","url":"Patient/{id}"}},{"fullUrl":"urn:uuid:6e1b6d2c-5a84-4c36-9a2e-1f0c3b7f1a11","resource":{"resourceType":"Patient","active":true},"request":{"method":"POST","url":"Patient"}}]}""", "Bundle.entry[1].fullUrl")]
    public async Task A_malformed_bundle_is_400_at_the_culprit_and_runs_no_entry(string template, string expression)
    {
        var id = "ks-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(template.Replace("{id}", id, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains(expression));
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{id}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Posting_a_resource_that_is_not_a_bundle_to_the_base_is_400()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body("""{"resourceType":"Patient","active":true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadAsync<OperationOutcome>()).Issue);
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Bundle\",", "application/fhir+json", HttpStatusCode.BadRequest)]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"batch\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("", "application/fhir+json", HttpStatusCode.BadRequest)]
    public async Task A_body_that_is_not_a_bundle_at_all_is_refused_with_an_OperationOutcome(string body, string contentType, HttpStatusCode expected)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(body, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty((await response.ReadAsync<OperationOutcome>()).Issue);
    }

    [Fact]
    public async Task A_transaction_in_xml_runs_like_one_in_json()
    {
        const string xml = """
            <Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/>
              <entry><fullUrl value="urn:uuid:0c3e4d7a-9a51-4f0e-8a0e-3b1f6a2c9d10"/><resource><Patient><active value="true"/></Patient></resource><request><method value="POST"/><url value="Patient"/></request></entry>
              <entry><resource><EpisodeOfCare><status value="active"/><patient><reference value="urn:uuid:0c3e4d7a-9a51-4f0e-8a0e-3b1f6a2c9d10"/></patient></EpisodeOfCare></resource><request><method value="POST"/><url value="EpisodeOfCare"/></request></entry>
            </Bundle>
            """;

        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(xml, "application/fhir+xml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        var episode = await _client.ReadAsync<EpisodeOfCare>(BundleEntries.LocationOf(result.Entry[1]));
        Assert.Equal(BundleEntries.LocationOf(result.Entry[0]), episode.Patient!.Reference);
    }

    [Fact]
    public async Task An_empty_transaction_answers_an_empty_transaction_response()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body("""{"resourceType":"Bundle","type":"transaction"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        Assert.Empty(result.Entry);
    }
}
