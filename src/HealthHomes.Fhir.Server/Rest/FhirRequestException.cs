using System.Net;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>A request the server refuses: the status and the issues travel inside the exception, and one handler turns them into an OperationOutcome.</summary>
public sealed class FhirRequestException : Exception
{
    public FhirRequestException(HttpStatusCode status, IReadOnlyList<OperationOutcome.IssueComponent> issues)
        : base(issues.FirstOrDefault()?.Diagnostics ?? status.ToString())
    {
        Status = status;
        Issues = issues;
    }

    public FhirRequestException(HttpStatusCode status, OperationOutcome.IssueType code, string diagnostics, string? expression = null)
        : this(status, [Issue(code, diagnostics, expression)])
    {
    }

    public HttpStatusCode Status { get; }

    public IReadOnlyList<OperationOutcome.IssueComponent> Issues { get; }

    public static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType code, string diagnostics, string? expression = null, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error)
        => new()
        {
            Severity = severity,
            Code = code,
            Diagnostics = diagnostics,
            Expression = expression is null ? [] : [expression],
        };

    public static FhirRequestException BadRequest(string diagnostics, string? expression = null)
        => new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid, diagnostics, expression);

    public static FhirRequestException NotFound(string diagnostics)
        => new(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound, diagnostics);
}
