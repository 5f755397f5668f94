using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Terminology;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Walking;

/// <summary>One validation run: the definitions it sees, the caches it reads, the issues it collects.</summary>
internal sealed class WalkContext(ProfileSet set, PlanCache plans, TerminologyCache terminology, ValidationOptions options)
{
    private readonly List<OperationOutcome.IssueComponent> _issues = [];
    private HashSet<string>? _seen;

    public ProfileSet Set { get; } = set;

    public PlanCache Plans { get; } = plans;

    public TerminologyCache Terminology { get; } = terminology;

    public ValidationOptions Options { get; } = options;

    public IReadOnlyList<OperationOutcome.IssueComponent> Issues => _issues;

    public void Error(OperationOutcome.IssueType code, string expression, string message) =>
        Add(OperationOutcome.IssueSeverity.Error, code, expression, message);

    public void Warning(OperationOutcome.IssueType code, string expression, string message) =>
        Add(OperationOutcome.IssueSeverity.Warning, code, expression, message);

    public void Information(OperationOutcome.IssueType code, string expression, string message) =>
        Add(OperationOutcome.IssueSeverity.Information, code, expression, message);

    /// <summary>The base pass and profile passes may find the same problem; it is reported once.</summary>
    public void Add(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, string expression, string message)
    {
        if (!(_seen ??= new HashSet<string>(StringComparer.Ordinal)).Add($"{severity}|{code}|{expression}|{message}"))
        {
            return;
        }

        _issues.Add(new OperationOutcome.IssueComponent
        {
            Severity = severity,
            Code = code,
            Diagnostics = message,
            Expression = [expression],
        });
    }
}
