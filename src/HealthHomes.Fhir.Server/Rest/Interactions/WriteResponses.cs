using System.Net;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// The response to a write, shaped by Prefer: return=minimal | representation | OperationOutcome. Validation warnings
/// come back as <see cref="FhirResponse.Outcome"/> (a batch/transaction puts it in entry.response.outcome); under
/// return=OperationOutcome the returned outcome lists every validation issue (warnings and information) after the
/// success message.
/// </summary>
public static class WriteResponses
{
    public static FhirResponse For(FhirRequest request, HttpStatusCode status, StoredResource stored, string message, IReadOnlyList<OperationOutcome.IssueComponent>? issues = null)
    {
        issues ??= [];
        var location = $"{request.BaseUrl}/{stored.ResourceType}/{stored.Id}/_history/{stored.VersionId}";
        var warnings = issues.Where(i => i.Severity == OperationOutcome.IssueSeverity.Warning).ToList();
        var outcome = warnings.Count == 0 ? null : new OperationOutcome { Issue = warnings };
        return request.PreferReturn switch
        {
            PreferReturn.Minimal => new FhirResponse(status) { Stored = stored with { Json = null }, Location = location, Outcome = outcome },
            PreferReturn.OperationOutcome => new FhirResponse(status)
            {
                Stored = stored with { Json = null },
                Location = location,
                Resource = new OperationOutcome { Issue = [FhirRequestException.Issue(OperationOutcome.IssueType.Informational, message, severity: OperationOutcome.IssueSeverity.Information), .. issues] },
                Outcome = outcome,
            },
            _ => new FhirResponse(status) { Stored = stored, Location = location, Outcome = outcome },
        };
    }
}
