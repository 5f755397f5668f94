using System.Net;
using HealthHomes.Fhir.Server.Rest.Formats;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// Errors the framework answers before any FHIR code runs (no route: 404; wrong method: 405) get an
/// OperationOutcome too, so that every FHIR error response carries one.
/// </summary>
public static class EmptyErrorOutcomes
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments(HttpFhirRequests.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var status = (HttpStatusCode)http.Response.StatusCode;
        var (code, message) = status switch
        {
            HttpStatusCode.NotFound => (OperationOutcome.IssueType.NotFound, $"No FHIR interaction answers {http.Request.Method} {http.Request.Path}."),
            HttpStatusCode.MethodNotAllowed => (OperationOutcome.IssueType.NotSupported, $"{http.Request.Method} is not supported on {http.Request.Path}."),
            _ => (OperationOutcome.IssueType.Processing, $"The request failed with status {(int)status}."),
        };
        FhirFormat format;
        try
        {
            format = FhirFormats.ForResponse(http.Request);
        }
        catch (FhirRequestException)
        {
            format = FhirFormat.Json;
        }

        var outcome = new OperationOutcome { Issue = [FhirRequestException.Issue(code, message)] };
        await FhirResponseWriter.WriteAsync(http, FhirResponse.Of(status, outcome), format).ConfigureAwait(false);
    }
}
