using System.Net;
using HealthHomes.Fhir.Server.Tests.Bundles;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// After DELETE, the earlier versions stay readable (https://hl7.org/fhir/R4/http.html#delete): vread of version 1 is
/// 200 with that version, vread of the tombstone and read are 410 Gone with an OperationOutcome, a version past the
/// tombstone is 404. The same over HTTP, HEAD, and as batch entries; nothing is written by any of them.
/// </summary>
public sealed class DeletedVersionReadTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    public static TheoryData<string, string, HttpStatusCode> AfterDelete => new()
    {
        // how it is sent, the url after "Patient/{id}", expected status
        { "GET", "/_history/1", HttpStatusCode.OK },
        { "GET", "/_history/2", HttpStatusCode.OK },
        { "GET", "/_history/3", HttpStatusCode.Gone },
        { "GET", "/_history/4", HttpStatusCode.NotFound },
        { "GET", "", HttpStatusCode.Gone },
        { "HEAD", "/_history/1", HttpStatusCode.OK },
        { "HEAD", "/_history/3", HttpStatusCode.Gone },
        { "batch", "/_history/1", HttpStatusCode.OK },
        { "batch", "/_history/3", HttpStatusCode.Gone },
        { "batch", "", HttpStatusCode.Gone },
    };

    [Theory]
    [MemberData(nameof(AfterDelete))]
    public async Task Earlier_versions_of_a_deleted_resource_stay_readable(string carrier, string suffix, HttpStatusCode expected)
    {
        // Version 1 "First", version 2 "Second", version 3 the delete.
        var created = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "First" }] });
        created.Name[0].Family = "Second";
        using (var update = await _client.SendAsync(HttpMethod.Put, $"Patient/{created.Id}", FhirHttp.Body(created)))
        using (var delete = await _client.SendAsync(HttpMethod.Delete, $"Patient/{created.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();
        var url = $"Patient/{created.Id}{suffix}";

        var (status, resource) = await ReadAsync(carrier, url);

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK && carrier != "HEAD")
        {
            var version = Assert.IsType<Patient>(resource);
            Assert.Equal(suffix[^1..], version.Meta!.VersionId);
            Assert.Equal(suffix.EndsWith('1') ? "First" : "Second", version.Name[0].Family);
        }
        else if (carrier != "HEAD")
        {
            var outcome = Assert.IsType<OperationOutcome>(resource);
            Assert.Equal(expected == HttpStatusCode.Gone ? OperationOutcome.IssueType.Deleted : OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
        }

        await probe.AssertUnchangedAndAliveAsync(before, $"{carrier} {url}");
    }

    private async Task<(HttpStatusCode, Resource?)> ReadAsync(string carrier, string url)
    {
        if (carrier != "batch")
        {
            using var response = await _client.SendAsync(carrier == "HEAD" ? HttpMethod.Head : HttpMethod.Get, url);
            return (response.StatusCode, carrier == "HEAD" ? null : await response.ReadAsync<Resource>());
        }

        using var batch = await _client.PostBundleAsync(BundleEntries.Batch(BundleEntries.Get(url)));
        var entry = (await batch.ReadAsync<Bundle>()).Entry.Single();
        var status = (HttpStatusCode)int.Parse(entry.Response!.Status!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return (status, entry.Resource ?? entry.Response.Outcome);
    }
}
