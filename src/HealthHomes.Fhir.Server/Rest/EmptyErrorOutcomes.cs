using System.Net;
using HealthHomes.Fhir.Server.Rest.Formats;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// Errors answered before any FHIR code runs (no route: 404; wrong method: 405; a rejected Host: 400) get an
/// OperationOutcome too, on every path, so that every error response carries one. The edge checks
/// (<see cref="Hosting.RequestHeadLimits"/>, <see cref="Hosting.HostAllowList"/>) answer through <see cref="RespondAsync"/>.
/// </summary>
public static class EmptyErrorOutcomes
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = (HttpStatusCode)http.Response.StatusCode;
        var (code, message) = status switch
        {
            HttpStatusCode.NotFound => (OperationOutcome.IssueType.NotFound, $"No FHIR interaction answers {http.Request.Method} {http.Request.Path}; the FHIR base is {HttpFhirRequests.BasePath}."),
            HttpStatusCode.MethodNotAllowed => (OperationOutcome.IssueType.NotSupported, $"{http.Request.Method} is not supported on {http.Request.Path}{Allowed(http)}."),
            HttpStatusCode.BadRequest => (OperationOutcome.IssueType.Invalid, "The request was rejected before any FHIR interaction ran."),
            HttpStatusCode.Unauthorized => (OperationOutcome.IssueType.Login, Unauthorized(http)),
            HttpStatusCode.Forbidden => (OperationOutcome.IssueType.Forbidden, "The token does not allow this request."),
            _ => (OperationOutcome.IssueType.Processing, $"The request failed with status {(int)status}."),
        };
        return RespondAsync(http, status, FhirRequestException.Issue(code, message));
    }

    /// <summary>Answers the request with this status and an OperationOutcome of one issue, in the format the client accepts (JSON when it names none we speak).</summary>
    public static async Task RespondAsync(HttpContext http, HttpStatusCode status, OperationOutcome.IssueComponent issue)
    {
        ArgumentNullException.ThrowIfNull(http);
        FhirFormat format;
        try
        {
            format = FhirFormats.ForResponse(http.Request);
        }
        catch (FhirRequestException)
        {
            format = FhirFormat.Json;
        }

        var outcome = new OperationOutcome { Issue = [issue] };
        await FhirResponseWriter.WriteAsync(http, FhirResponse.Of(status, outcome), format, query: []).ConfigureAwait(false);
    }

    /// <summary>Why a request got 401, from the WWW-Authenticate challenge (https://www.rfc-editor.org/rfc/rfc6750#section-3).</summary>
    private static string Unauthorized(HttpContext http)
    {
        var challenge = http.Response.Headers.WWWAuthenticate.ToString();
        var detail = challenge.Contains("error_description=", StringComparison.Ordinal)
            ? " (" + challenge[(challenge.IndexOf("error_description=", StringComparison.Ordinal) + 18)..].Trim('"') + ")"
            : challenge.Contains("invalid_token", StringComparison.Ordinal) ? " (the token is not valid here)" : "";
        return $"A valid bearer token for this server is required (Authorization: Bearer <access token>){detail}; get one from the token endpoint named in [base]/.well-known/smart-configuration.";
    }

    /// <summary>The routing's Allow header, with HEAD wherever GET is (HEAD is answered as a GET without the body).</summary>
    private static string Allowed(HttpContext http)
    {
        var allow = http.Response.Headers.Allow.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (allow.Contains(HttpMethods.Get) && !allow.Contains(HttpMethods.Head))
        {
            allow.Add(HttpMethods.Head);
            http.Response.Headers.Allow = string.Join(", ", allow);
        }

        return allow.Count == 0 ? "" : $" (allowed: {string.Join(", ", allow)})";
    }
}
