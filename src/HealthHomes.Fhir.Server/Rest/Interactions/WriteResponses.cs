using System.Net;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>The response to a write, shaped by Prefer: return=minimal | representation | OperationOutcome.</summary>
public static class WriteResponses
{
    public static FhirResponse For(FhirRequest request, HttpStatusCode status, StoredResource stored, string message)
    {
        var location = $"{request.BaseUrl}/{stored.ResourceType}/{stored.Id}/_history/{stored.VersionId}";
        return request.PreferReturn switch
        {
            PreferReturn.Minimal => new FhirResponse(status) { Stored = stored with { Json = null }, Location = location },
            PreferReturn.OperationOutcome => new FhirResponse(status)
            {
                Stored = stored with { Json = null },
                Location = location,
                Resource = new OperationOutcome { Issue = [FhirRequestException.Issue(OperationOutcome.IssueType.Informational, message, severity: OperationOutcome.IssueSeverity.Information)] },
            },
            _ => new FhirResponse(status) { Stored = stored, Location = location },
        };
    }
}
