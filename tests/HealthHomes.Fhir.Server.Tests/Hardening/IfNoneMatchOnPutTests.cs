using System.Net;
using HealthHomes.Fhir.Server.Tests.Bundles;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// If-None-Match on a PUT: "*" is "create only", an ETag is "unless this is the current version". When it names the
/// current version the answer is 412 with an OperationOutcome and nothing is written; otherwise the PUT goes ahead.
/// </summary>
public sealed class IfNoneMatchOnPutTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    public static TheoryData<string, bool> NamingTheCurrentVersion => new()
    {
        // If-None-Match, sent in a batch entry (else over HTTP)
        { "*", false },
        { "W/\"1\"", false },
        { "W/\"7\", W/\"1\"", false },
        { "*", true },
    };

    [Theory]
    [MemberData(nameof(NamingTheCurrentVersion))]
    public async Task Put_of_an_existing_resource_whose_current_version_is_named_is_412_and_writes_nothing(string ifNoneMatch, bool inBatch)
    {
        var existing = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Exists" }] });
        existing.Name[0].Family = "Overwritten";
        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();

        var (status, outcome) = await PutAsync(existing, ifNoneMatch, inBatch);

        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.NotNull(outcome);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, outcome.Issue[0].Severity);
        await probe.AssertUnchangedAndAliveAsync(before, $"PUT with If-None-Match {ifNoneMatch}");
        Assert.Equal("Exists", (await _client.ReadAsync<Patient>($"Patient/{existing.Id}")).Name[0].Family);
    }

    [Theory]
    [InlineData("*", "absent", HttpStatusCode.Created)]
    [InlineData("*", "deleted", HttpStatusCode.Created)]
    [InlineData("W/\"7\"", "at version 1", HttpStatusCode.OK)]
    public async Task Put_whose_current_version_is_not_named_goes_ahead(string ifNoneMatch, string stored, HttpStatusCode expected)
    {
        var patient = new Patient { Id = "inm-" + Guid.NewGuid().ToString("N")[..12], Name = [new HumanName { Family = "New" }] };
        if (stored != "absent")
        {
            using var put = await _client.SendAsync(HttpMethod.Put, $"Patient/{patient.Id}", FhirHttp.Body(patient));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        if (stored == "deleted")
        {
            using var delete = await _client.SendAsync(HttpMethod.Delete, $"Patient/{patient.Id}");
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var (status, _) = await PutAsync(patient, ifNoneMatch, inBatch: false);

        Assert.Equal(expected, status);
    }

    private async Task<(HttpStatusCode Status, OperationOutcome? Outcome)> PutAsync(Patient patient, string ifNoneMatch, bool inBatch)
    {
        if (!inBatch)
        {
            using var response = await _client.SendAsync(HttpMethod.Put, $"Patient/{patient.Id}", FhirHttp.Body(patient), ("If-None-Match", ifNoneMatch));
            return (response.StatusCode, response.IsSuccessStatusCode ? null : await response.ReadAsync<OperationOutcome>());
        }

        var entry = BundleEntries.Put(patient, $"Patient/{patient.Id}");
        entry.Request!.IfNoneMatch = ifNoneMatch;
        using var batch = await _client.PostBundleAsync(BundleEntries.Batch(entry));
        var result = (await batch.ReadAsync<Bundle>()).Entry.Single().Response!;
        return ((HttpStatusCode)int.Parse(result.Status!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), result.Outcome as OperationOutcome);
    }
}
