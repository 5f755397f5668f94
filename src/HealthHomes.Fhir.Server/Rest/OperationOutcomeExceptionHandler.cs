using System.Net;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// The one place errors become responses: each known exception maps to a status and an OperationOutcome. Anything
/// else is a server bug: 500 with an OperationOutcome that says so (and the log has the details).
/// </summary>
public sealed partial class OperationOutcomeExceptionHandler(ILogger<OperationOutcomeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, issues) = Map(exception);
        if (status == HttpStatusCode.InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        FhirFormat format;
        try
        {
            format = FhirFormats.ForResponse(httpContext.Request);
        }
        catch (FhirRequestException)
        {
            format = FhirFormat.Json;
        }

        httpContext.Response.Clear();
        if (exception is WriteTimeoutException)
        {
            // The store was busy: the client may try the same write again.
            httpContext.Response.Headers.RetryAfter = "5";
        }

        var outcome = new OperationOutcome { Issue = issues.ToList() };
        await FhirResponseWriter.WriteAsync(httpContext, FhirResponse.Of(status, outcome), format, query: []).ConfigureAwait(false);
        return true;
    }

    public static (HttpStatusCode Status, IReadOnlyList<OperationOutcome.IssueComponent> Issues) Map(Exception exception) => exception switch
    {
        FhirRequestException e => (e.Status, e.Issues),
        VersionConflictException e => (HttpStatusCode.PreconditionFailed, [FhirRequestException.Issue(OperationOutcome.IssueType.Conflict, e.Message)]),
        PreconditionFailedException e => (HttpStatusCode.PreconditionFailed, [FhirRequestException.Issue(OperationOutcome.IssueType.MultipleMatches, e.Message)]),
        IndexRowLimitException e => (HttpStatusCode.UnprocessableEntity, [FhirRequestException.Issue(OperationOutcome.IssueType.TooCostly, e.Message, e.Expression)]),
        InvalidSearchException e => (HttpStatusCode.BadRequest, [FhirRequestException.Issue(OperationOutcome.IssueType.Invalid, e.Message, e.Expression)]),
        BadHttpRequestException e => ((HttpStatusCode)e.StatusCode, [FhirRequestException.Issue(e.StatusCode == 413 ? OperationOutcome.IssueType.TooLong : OperationOutcome.IssueType.Invalid, e.Message)]),
        WriteTimeoutException e => (HttpStatusCode.ServiceUnavailable, [FhirRequestException.Issue(OperationOutcome.IssueType.Timeout, e.Message)]),
        OperationCanceledException => ((HttpStatusCode)499, [FhirRequestException.Issue(OperationOutcome.IssueType.Incomplete, "The request was cancelled.")]),
        _ => (HttpStatusCode.InternalServerError, [FhirRequestException.Issue(OperationOutcome.IssueType.Exception, "The server failed to process the request; the failure is logged.")]),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
