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

    /// <summary>The longest diagnostics an issue carries; a parser message quoting a 10 MB value is cut in the middle to this.</summary>
    public const int MaxDiagnosticsLength = 2000;

    public HttpStatusCode Status { get; }

    public IReadOnlyList<OperationOutcome.IssueComponent> Issues { get; }

    public static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType code, string diagnostics, string? expression = null, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error)
        => new()
        {
            Severity = severity,
            Code = code,
            Diagnostics = Bounded(diagnostics),
            Expression = expression is null ? [] : [expression],
        };

    /// <summary>
    /// Diagnostics of at most <see cref="MaxDiagnosticsLength"/> characters: a longer text (a parser quoting the whole
    /// value it refused) keeps its start and its end (where the parsers name the element and position), so one large
    /// bad value is not copied again into the OperationOutcome, the response and the log.
    /// </summary>
    public static string Bounded(string diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Length <= MaxDiagnosticsLength)
        {
            return diagnostics;
        }

        var omitted = $" [... {diagnostics.Length - MaxDiagnosticsLength} characters omitted ...] ";
        var half = (MaxDiagnosticsLength - omitted.Length) / 2;
        return string.Concat(diagnostics.AsSpan(0, half), omitted, diagnostics.AsSpan(diagnostics.Length - half));
    }

    public static FhirRequestException BadRequest(string diagnostics, string? expression = null)
        => new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid, diagnostics, expression);

    public static FhirRequestException NotFound(string diagnostics)
        => new(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound, diagnostics);
}
