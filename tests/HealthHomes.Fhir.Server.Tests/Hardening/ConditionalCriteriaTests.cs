using System.Net;
using HealthHomes.Fhir.Server.Tests.Bundles;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Conditional update, delete and create whose criteria hold no search parameter, only result parameters (_count,
/// _sort, _include...): they select nothing, so they must not be read as "every Organization". Each is 400 with an
/// OperationOutcome over HTTP, as a batch entry and inside a transaction, and the store is unchanged.
/// </summary>
public sealed class ConditionalCriteriaTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    /// <summary>How the conditional interaction is sent.</summary>
    public enum Carrier
    {
        HttpDelete,
        HttpUpdate,
        HttpCreateIfNoneExist,
        BatchDelete,
        BatchUpdate,
        TransactionDelete,
        TransactionCreateIfNoneExist,
    }

    public static TheoryData<Carrier, string> ResultParametersOnly => new()
    {
        { Carrier.HttpDelete, "_count=1" },
        { Carrier.HttpDelete, "_sort=name" },
        { Carrier.HttpDelete, "_summary=count" },
        { Carrier.HttpDelete, "_total=accurate&_count=5" },
        { Carrier.HttpDelete, "_include=Organization:partof" },
        { Carrier.HttpDelete, "_revinclude:iterate=Patient:organization" },
        { Carrier.HttpDelete, "_elements=name&_format=json&_pretty=true" },
        { Carrier.HttpUpdate, "_count=1" },
        { Carrier.HttpUpdate, "_sort=-_lastUpdated" },
        { Carrier.HttpCreateIfNoneExist, "_count=1" },
        { Carrier.HttpCreateIfNoneExist, "_sort=name" },
        { Carrier.BatchDelete, "_count=1" },
        { Carrier.BatchUpdate, "_sort=name" },
        { Carrier.TransactionDelete, "_count=1" },
        { Carrier.TransactionCreateIfNoneExist, "_summary=true" },
    };

    [Theory]
    [MemberData(nameof(ResultParametersOnly))]
    public async Task Criteria_of_result_parameters_only_are_400_and_change_nothing(Carrier carrier, string criteria)
    {
        var existing = await _client.CreateAsync(new Organization { Name = "Only result parameters " + Guid.NewGuid().ToString("N") });
        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();

        var (status, outcome) = await SendAsync(carrier, criteria);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(outcome);
        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error && i.Code == OperationOutcome.IssueType.Invalid && !string.IsNullOrEmpty(i.Diagnostics));
        await probe.AssertUnchangedAndAliveAsync(before, $"{carrier} Organization?{criteria}");
        using var read = await _client.SendAsync(HttpMethod.Get, $"Organization/{existing.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static Organization Body() => new() { Name = "Conditional target" };

    /// <summary>The status of the interaction (a batch entry's own status) and its OperationOutcome.</summary>
    private async Task<(HttpStatusCode Status, OperationOutcome? Outcome)> SendAsync(Carrier carrier, string criteria)
    {
        var url = "Organization?" + criteria;
        switch (carrier)
        {
            case Carrier.HttpDelete:
                return await ReadAsync(await _client.SendAsync(HttpMethod.Delete, url));
            case Carrier.HttpUpdate:
                return await ReadAsync(await _client.SendAsync(HttpMethod.Put, url, FhirHttp.Body(Body())));
            case Carrier.HttpCreateIfNoneExist:
                return await ReadAsync(await _client.SendAsync(HttpMethod.Post, "Organization", FhirHttp.Body(Body()), ("If-None-Exist", criteria)));
            case Carrier.BatchDelete or Carrier.BatchUpdate:
                var entry = carrier == Carrier.BatchDelete ? BundleEntries.Delete(url) : BundleEntries.Put(Body(), url);
                using (var batch = await _client.PostBundleAsync(BundleEntries.Batch(entry)))
                {
                    Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
                    var response = (await batch.ReadAsync<Bundle>()).Entry.Single().Response!;
                    return ((HttpStatusCode)int.Parse(response.Status!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), response.Outcome as OperationOutcome);
                }

            default:
                var transaction = carrier == Carrier.TransactionDelete
                    ? BundleEntries.Transaction(BundleEntries.Delete(url))
                    : BundleEntries.Transaction(BundleEntries.Post(Body(), BundleEntries.NewUrn(), ifNoneExist: criteria));
                return await ReadAsync(await _client.PostBundleAsync(transaction));
        }
    }

    private static async Task<(HttpStatusCode, OperationOutcome?)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return (response.StatusCode, response.IsSuccessStatusCode ? null : await response.ReadAsync<OperationOutcome>());
        }
    }
}
