using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// A batch (https://hl7.org/fhir/R4/http.html#brules): each entry on its own, a write in its own write session, so one
/// entry's failure is reported in its response entry (status and OperationOutcome) while the others still commit.
/// </summary>
public sealed class BatchProcessor(BundleEntryInteractions interactions)
{
    private static readonly Dictionary<string, string> NoIdentities = [];

    public async Task<Bundle> ProcessAsync(Bundle bundle, FhirRequest bundleRequest, IResourceStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var results = new List<Bundle.EntryComponent>(bundle.Entry.Count);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            results.Add(await RunAsync(bundle.Entry[i], i, bundleRequest, store, ct).ConfigureAwait(false));
        }

        return BundleResponses.Build(Bundle.BundleType.BatchResponse, results);
    }

    private async Task<Bundle.EntryComponent> RunAsync(Bundle.EntryComponent source, int index, FhirRequest bundleRequest, IResourceStore store, CancellationToken ct)
    {
        BundleEntryRequest? entry = null;
        try
        {
            entry = BundleEntryRequests.Parse(source, index, bundleRequest);
            if (BundleEntryInteractions.IsRead(entry.Request))
            {
                return BundleResponses.Success(entry, await interactions.ReadAsync(entry.Request, store, ct).ConfigureAwait(false));
            }

            FhirResponse response;
            await using (var session = await store.BeginWriteAsync(ct).ConfigureAwait(false))
            {
                // Batch entries do not refer to each other; conditional references still resolve, dangling urn:uuid fail.
                if (entry.Request.Body is { } body)
                {
                    await new ReferenceRewriter(NoIdentities, session, entry.Request.Access).RewriteAsync(body, ct).ConfigureAwait(false);
                }

                response = await interactions.WriteAsync(entry.Request, session, ct).ConfigureAwait(false);
                await session.CommitAsync(ct).ConfigureAwait(false);
            }

            return BundleResponses.Success(entry, response);
        }
        catch (Exception e) when (EntryFailure.From(e, index, entry?.Describe ?? BundleEntryRequests.Location(index), entry?.Request.ResourceType) is { } failure)
        {
            return BundleResponses.Failure(failure);
        }
    }
}
