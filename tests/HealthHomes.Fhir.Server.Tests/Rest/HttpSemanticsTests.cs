using System.Net;
using System.Xml.Linq;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>Versions and conditional requests (ETag, If-Match, If-None-Match, If-Modified-Since), Prefer, JSON/XML negotiation.</summary>
public sealed class HttpSemanticsTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Update_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var created = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Stale" }] });
        using var first = await _client.SendAsync(HttpMethod.Put, $"Patient/{created.Id}", FhirHttp.Body(created), ("If-Match", "W/\"1\""));
        created.Name[0].Family = "Lost";

        using var second = await _client.SendAsync(HttpMethod.Put, $"Patient/{created.Id}", FhirHttp.Body(created), ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Conflict, (await second.ReadAsync<OperationOutcome>()).Issue[0].Code);
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}");
        Assert.Equal("Stale", (await read.ReadAsync<Patient>()).Name[0].Family);
        Assert.Equal("W/\"2\"", read.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Delete_with_a_stale_If_Match_is_412()
    {
        var created = await _client.CreateAsync(new Patient());

        using var response = await _client.SendAsync(HttpMethod.Delete, $"Patient/{created.Id}", null, ("If-Match", "W/\"7\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task Read_with_the_current_ETag_in_If_None_Match_is_304_and_an_old_one_is_200()
    {
        var created = await _client.CreateAsync(new Patient());

        using var current = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}", null, ("If-None-Match", "W/\"1\""));
        using var old = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}", null, ("If-None-Match", "W/\"0\""));

        Assert.Equal(HttpStatusCode.NotModified, current.StatusCode);
        Assert.Empty(await current.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task Read_with_If_Modified_Since_after_the_last_update_is_304_and_before_it_is_200()
    {
        var created = await _client.CreateAsync(new Patient());
        var lastUpdated = created.Meta!.LastUpdated!.Value;

        using var later = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}", null, ("If-Modified-Since", lastUpdated.AddMinutes(1).ToString("R")));
        using var earlier = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}", null, ("If-Modified-Since", lastUpdated.AddMinutes(-1).ToString("R")));

        Assert.Equal(HttpStatusCode.NotModified, later.StatusCode);
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    }

    [Fact]
    public async Task Prefer_return_minimal_sends_no_body_and_OperationOutcome_sends_an_outcome()
    {
        using var minimal = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body("""{"resourceType":"Patient"}"""), ("Prefer", "return=minimal"));
        using var outcome = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body("""{"resourceType":"Patient"}"""), ("Prefer", "return=OperationOutcome"));

        Assert.Equal(HttpStatusCode.Created, minimal.StatusCode);
        Assert.Empty(await minimal.Content.ReadAsByteArrayAsync());
        Assert.NotNull(minimal.Headers.Location);
        Assert.Equal(HttpStatusCode.Created, outcome.StatusCode);
        Assert.Equal(OperationOutcome.IssueSeverity.Information, (await outcome.ReadAsync<OperationOutcome>()).Issue[0].Severity);
    }

    [Fact]
    public async Task Xml_in_and_out_by_Content_Type_Accept_and_format()
    {
        const string xml = """<Patient xmlns="http://hl7.org/fhir"><name><family value="Xml"/></name></Patient>""";
        using var create = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body(xml, "application/fhir+xml"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = create.Headers.Location!.Segments[^3].TrimEnd('/');

        using var byFormat = await _client.GetAsync($"Patient/{id}?_format=xml");
        using var accept = new HttpRequestMessage(HttpMethod.Get, $"Patient/{id}");
        accept.Headers.Add("Accept", "application/fhir+xml");
        using var byAccept = await _client.SendAsync(accept);

        foreach (var response in new[] { byFormat, byAccept })
        {
            Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType!.MediaType);
            var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Xml", doc.Descendants(XName.Get("family", "http://hl7.org/fhir")).Single().Attribute("value")!.Value);
        }
    }

    [Fact]
    public async Task An_Accept_naming_only_unsupported_formats_is_406()
    {
        var created = await _client.CreateAsync(new Patient());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Patient/{created.Id}");
        request.Headers.Add("Accept", "text/csv");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Pretty_printing_indents_and_summary_true_drops_non_summary_elements()
    {
        var created = await _client.CreateAsync(new Patient
        {
            Name = [new HumanName { Family = "Summ" }],
            Contact = [new Patient.ContactComponent { Name = new HumanName { Family = "Kin" } }],
        });

        var pretty = await _client.GetStringAsync($"Patient/{created.Id}?_pretty=true");
        var summary = await _client.GetStringAsync($"Patient/{created.Id}?_summary=true");

        Assert.Contains("\n", pretty);
        Assert.Contains("Summ", summary);
        Assert.DoesNotContain("Kin", summary);
    }

    [Fact]
    public async Task Elements_keeps_mandatory_elements_too()
    {
        var created = await _client.CreateAsync(new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept { Text = "PHQ-9" }, Issued = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture) });

        var body = await _client.GetStringAsync($"Observation/{created.Id}?_elements=subject");

        Assert.Contains("\"status\":\"final\"", body);
        Assert.Contains("PHQ-9", body);
        Assert.DoesNotContain("2026-01-02", body);
    }

    [Fact]
    public async Task Elements_keeps_the_asked_elements_and_id()
    {
        var created = await _client.CreateAsync(new Patient { Gender = AdministrativeGender.Female, BirthDate = "1985-02-01", Name = [new HumanName { Family = "Elem" }] });

        var body = await _client.GetStringAsync($"Patient/{created.Id}?_elements=gender");

        Assert.Contains("\"gender\":\"female\"", body);
        Assert.Contains(created.Id!, body);
        Assert.Contains("SUBSETTED", body);
        Assert.DoesNotContain("1985-02-01", body);
    }
}
