using System.Net;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>batch and transaction (https://hl7.org/fhir/R4/http.html#transaction): POST [base] with a Bundle.</summary>
public sealed class BundleInteraction(TransactionProcessor transaction, BatchProcessor batch)
{
    public async Task<FhirResponse> ProcessAsync(FhirRequest request, IResourceStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bundle = BundleValidation.Require(request.Body);
        var response = bundle.Type == Bundle.BundleType.Transaction
            ? await transaction.ProcessAsync(bundle, request, store, ct).ConfigureAwait(false)
            : await batch.ProcessAsync(bundle, request, store, ct).ConfigureAwait(false);
        return FhirResponse.Of(HttpStatusCode.OK, response);
    }
}
