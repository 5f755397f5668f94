using System.Net;
using HealthHomes.Fhir.Server.Tests.Bundles;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// No absolute URL the server writes (Location, fullUrl, paging links, the CapabilityStatement) takes its host from
/// an unchecked Host or X-Forwarded-Host. Unset PublicBaseUrl: a Host outside AllowedHosts is 400 with an
/// OperationOutcome and the store is unchanged. PublicBaseUrl set: it is the only base written, whatever the Host.
/// </summary>
public sealed class HostPoisoningTests(
    FhirServerFactory byHost,
    HostPoisoningTests.PublicBaseServer publicBase,
    HostPoisoningTests.PublicBaseAnyHostServer publicBaseAnyHost)
    : IClassFixture<FhirServerFactory>, IClassFixture<HostPoisoningTests.PublicBaseServer>, IClassFixture<HostPoisoningTests.PublicBaseAnyHostServer>
{
    private const string Evil = "evil.example";

    /// <summary>PublicBaseUrl set; AllowedHosts as shipped.</summary>
    public sealed class PublicBaseServer : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("FhirServer:PublicBaseUrl", "https://fhir.healthhomes.example/fhir")];
    }

    /// <summary>PublicBaseUrl set and every Host allowed (a proxy in front that rewrites Host).</summary>
    public sealed class PublicBaseAnyHostServer : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("FhirServer:PublicBaseUrl", "https://fhir.healthhomes.example/fhir"), new("AllowedHosts", "*")];
    }

    public static TheoryData<string, string, string, HttpStatusCode> Poisoned => new()
    {
        // server, where the evil host goes (Host or X-Forwarded-Host), request, expected status
        { "by host", "Host", "create", HttpStatusCode.BadRequest },
        { "by host", "Host", "search page", HttpStatusCode.BadRequest },
        { "by host", "Host", "history", HttpStatusCode.BadRequest },
        { "by host", "Host", "metadata", HttpStatusCode.BadRequest },
        { "by host", "Host", "batch", HttpStatusCode.BadRequest },
        { "by host", "X-Forwarded-Host", "create", HttpStatusCode.Created },
        { "by host", "X-Forwarded-Host", "search page", HttpStatusCode.OK },
        { "by host", "X-Forwarded-Host", "history", HttpStatusCode.OK },
        { "by host", "X-Forwarded-Host", "batch", HttpStatusCode.OK },
        { "public base", "Host", "create", HttpStatusCode.BadRequest },
        { "public base", "Host", "metadata", HttpStatusCode.BadRequest },
        { "public base", "X-Forwarded-Host", "search page", HttpStatusCode.OK },
        { "public base, any host", "Host", "create", HttpStatusCode.Created },
        { "public base, any host", "Host", "search page", HttpStatusCode.OK },
        { "public base, any host", "Host", "history", HttpStatusCode.OK },
        { "public base, any host", "Host", "metadata", HttpStatusCode.OK },
        { "public base, any host", "Host", "batch", HttpStatusCode.OK },
        { "public base, any host", "X-Forwarded-Host", "create", HttpStatusCode.Created },
    };

    [Theory]
    [MemberData(nameof(Poisoned))]
    public async Task No_written_url_takes_an_unchecked_host(string server, string header, string interaction, HttpStatusCode expected)
    {
        var factory = server switch { "by host" => byHost, "public base" => publicBase, _ => publicBaseAnyHost };
        var client = factory.CreateFhirClient();
        for (var i = 0; i < 3; i++)
        {
            await client.CreateAsync(new Patient { Name = [new HumanName { Family = "Paged" }] });
        }

        var probe = new HardeningProbe(factory, client);
        var before = await probe.FingerprintAsync();

        using var request = Request(interaction);
        if (header == "Host")
        {
            request.Headers.Host = Evil;
        }
        else
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", Evil);
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}")).ToList();
        Assert.DoesNotContain(headers, h => h.Contains(Evil, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Evil, body, StringComparison.OrdinalIgnoreCase);
        if (factory != byHost && response.IsSuccessStatusCode)
        {
            Assert.Contains("https://fhir.healthhomes.example/fhir", interaction == "create" ? response.Headers.Location!.ToString() : body, StringComparison.Ordinal);
        }

        if (response.IsSuccessStatusCode)
        {
            await probe.AssertAliveAsync($"{interaction} with {header}: {Evil}");
        }
        else
        {
            var issue = Assert.Single((await response.ReadAsync<OperationOutcome>()).Issue);
            Assert.Equal(OperationOutcome.IssueType.Invalid, issue.Code);
            await probe.AssertUnchangedAndAliveAsync(before, $"{interaction} with {header}: {Evil}");
        }
    }

    private static HttpRequestMessage Request(string interaction) => interaction switch
    {
        "create" => new HttpRequestMessage(HttpMethod.Post, "Patient") { Content = FhirHttp.Body("""{"resourceType":"Patient","name":[{"family":"Poison"}]}""") },
        "search page" => new HttpRequestMessage(HttpMethod.Get, "Patient?_count=1"),
        "history" => new HttpRequestMessage(HttpMethod.Get, "Patient/_history?_count=1"),
        "metadata" => new HttpRequestMessage(HttpMethod.Get, "metadata"),
        _ => new HttpRequestMessage(HttpMethod.Post, "") { Content = FhirHttp.Body(BundleEntries.Batch(BundleEntries.Post(new Patient { Name = [new HumanName { Family = "Batch" }] }), BundleEntries.Get("Patient?_count=1"))) },
    };
}
