using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// Checks of the Bundle itself before any entry runs (https://hl7.org/fhir/R4/http.html#transaction): type batch or
/// transaction, every entry with request.method and request.url, a resource for POST and PUT, no fullUrl twice.
/// Every problem found is reported at once, each located at its entry.
/// </summary>
public static class BundleValidation
{
    public static Bundle Require(Resource? body)
    {
        if (body is not Bundle bundle)
        {
            throw FhirRequestException.BadRequest($"POST to the base URL takes a Bundle of type batch or transaction, not {body?.TypeName ?? "an empty body"}.", "resourceType");
        }

        if (bundle.Type is not (Bundle.BundleType.Batch or Bundle.BundleType.Transaction))
        {
            throw FhirRequestException.BadRequest($"Bundle.type is '{bundle.Type?.ToString() ?? "missing"}'; this endpoint processes only batch and transaction.", "Bundle.type");
        }

        var issues = new List<OperationOutcome.IssueComponent>();
        var fullUrls = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            var at = BundleEntryRequests.Location(i);
            if (entry.Annotation<EntryParseFailure>() is not null)
            {
                continue; // answered 400 in its own response entry
            }

            if (entry.Request?.Method is not { } method)
            {
                issues.Add(Invalid($"{at} has no request.method.", $"{at}.request.method"));
            }
            else if (method is Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT && entry.Resource is null)
            {
                issues.Add(Invalid($"{at} is a {method} and needs a resource.", $"{at}.resource"));
            }

            if (string.IsNullOrWhiteSpace(entry.Request?.Url))
            {
                issues.Add(Invalid($"{at} has no request.url.", $"{at}.request.url"));
            }

            if (!string.IsNullOrEmpty(entry.FullUrl) && !fullUrls.Add(entry.FullUrl))
            {
                issues.Add(Invalid($"{at} repeats fullUrl '{entry.FullUrl}' of an earlier entry; each entry needs its own.", $"{at}.fullUrl", OperationOutcome.IssueType.Duplicate));
            }
        }

        return issues.Count == 0 ? bundle : throw new FhirRequestException(HttpStatusCode.BadRequest, issues);
    }

    private static OperationOutcome.IssueComponent Invalid(string diagnostics, string expression, OperationOutcome.IssueType code = OperationOutcome.IssueType.Required)
        => FhirRequestException.Issue(code, diagnostics, expression);
}
