using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// One nesting limit (<see cref="RequestBodyScan.MaxDepth"/>) for JSON and XML bodies, enforced before the Firely parser
/// sees them: deeper bodies are 400 naming the limit and change nothing; a body exactly at the limit is stored and can
/// be read, searched, validated and returned as JSON and as XML, alone and wrapped in a search Bundle.
/// </summary>
public sealed class NestingDepthTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const int Limit = RequestBodyScan.MaxDepth;
    private const string Xml = FhirFormats.XmlMediaType;
    private const string Json = FhirFormats.JsonMediaType;
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 1000 };
    private readonly HttpClient _client = factory.CreateFhirClient();

    public static TheoryData<string, string, string, string> TooDeep => new()
    {
        // why, url, content type, body
        { "XML extensions thousands deep (overflowed the stack)", "Patient", Xml, NestedBodies.XmlPatient(5000) },
        { "XML Bundle in Bundle thousands deep", "Bundle", Xml, NestedBodies.XmlBundleInBundle(1500) },
        { "XML thousands deep through $validate", "Patient/$validate", Xml, NestedBodies.XmlPatient(5000) },
        { "XML transaction thousands deep", "", Xml, NestedBodies.Transaction(xml: true, 5000) },
        { "JSON extensions thousands deep", "Patient", Json, NestedBodies.JsonPatient(5001) },
        { "XML one level over the limit", "Patient", Xml, NestedBodies.XmlPatient(Limit + 1) },
        { "JSON one level over the limit", "Patient", Json, NestedBodies.JsonPatient(Limit + 1) },
        { "XML transaction one level over the limit", "", Xml, NestedBodies.Transaction(xml: true, Limit + 1) },
        { "JSON transaction one level over the limit", "", Json, NestedBodies.Transaction(xml: false, Limit + 1) },
        { "XML batch one level over the limit", "", Xml, NestedBodies.Transaction(xml: true, Limit + 1).Replace("\"transaction\"", "\"batch\"", StringComparison.Ordinal) },
        { "XML one level over the limit through $validate", "Patient/$validate", Xml, NestedBodies.XmlPatient(Limit + 1) },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public async Task A_body_nested_deeper_than_the_limit_is_400_naming_the_limit_and_changes_nothing(string why, string url, string contentType, string body)
    {
        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, url, FhirHttp.Body(body, contentType));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: answered {(int)response.StatusCode}");
        var issue = Assert.Single((await response.ReadAsync<OperationOutcome>()).Issue);
        Assert.Equal(OperationOutcome.IssueType.TooLong, issue.Code);
        Assert.Contains($"{Limit}", issue.Diagnostics, StringComparison.Ordinal);
        await probe.AssertUnchangedAndAliveAsync(before, why);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task A_body_exactly_at_the_limit_is_stored_and_answers_every_read_in_both_formats(bool xml, bool transaction)
    {
        var contentType = xml ? Xml : Json;
        var body = transaction ? NestedBodies.Transaction(xml, Limit) : xml ? NestedBodies.XmlPatient(Limit) : NestedBodies.JsonPatient(Limit);

        using var created = await _client.SendAsync(HttpMethod.Post, transaction ? "" : "Patient", FhirHttp.Body(body, contentType));

        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var location = transaction ? TransactionLocation(await created.Content.ReadAsStringAsync()) : created.Headers.Location!.ToString();
        var id = location.Split("Patient/")[1].Split('/')[0];
        foreach (var format in new[] { "json", "xml" })
        {
            await AnswersAsync($"Patient/{id}?_format={format}", id, format);
            await AnswersAsync($"Patient?_id={id}&_format={format}", id, format);
            await AnswersAsync($"Patient?_id={id}&_format={format}&_pretty=true", id, format);
            await AnswersAsync($"Patient/{id}/_history?_format={format}", id, format);
        }

        using var validate = await _client.SendAsync(HttpMethod.Get, $"Patient/{id}/$validate");
        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
        using var validateBody = await _client.SendAsync(HttpMethod.Post, "Patient/$validate", FhirHttp.Body(xml ? NestedBodies.XmlPatient(Limit) : NestedBodies.JsonPatient(Limit), contentType));
        Assert.Equal(HttpStatusCode.OK, validateBody.StatusCode);
    }

    /// <summary>The first entry's response.location, read with room for the depth of the returned resource.</summary>
    private static string TransactionLocation(string bundle)
    {
        using var document = JsonDocument.Parse(bundle, Deep);
        return document.RootElement.GetProperty("entry")[0].GetProperty("response").GetProperty("location").GetString()!;
    }

    private async Task AnswersAsync(string url, string id, string format)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.Contains(id, text, StringComparison.Ordinal);
        if (format == "xml")
        {
            _ = XDocument.Parse(text); // well-formed
        }
        else
        {
            using var document = JsonDocument.Parse(text, Deep);
        }
    }
}
