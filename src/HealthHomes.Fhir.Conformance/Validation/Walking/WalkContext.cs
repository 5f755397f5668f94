using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Terminology;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Walking;

/// <summary>
/// One validation run: the definitions it sees, the caches it reads, the issues it collects, and its budget: the
/// caller's cancellation and <see cref="ValidationOptions.MaxValidationTime"/>, checked before each invariant.
/// </summary>
internal sealed class WalkContext(ProfileSet set, PlanCache plans, TerminologyCache terminology, ValidationOptions options, CancellationToken ct = default)
{
    private readonly List<OperationOutcome.IssueComponent> _issues = [];
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private HashSet<string>? _seen;
    private bool _overBudget;

    public ProfileSet Set { get; } = set;

    public PlanCache Plans { get; } = plans;

    public TerminologyCache Terminology { get; } = terminology;

    public ValidationOptions Options { get; } = options;

    public IReadOnlyList<OperationOutcome.IssueComponent> Issues => _issues;

    /// <summary>
    /// True once the run has used up its time budget: the first call past it records one error naming the invariant it
    /// stopped at, and every invariant after it is skipped (the resource is refused). Throws when the caller gave up.
    /// </summary>
    public bool IsOverBudget(string constraintKey, string expression)
    {
        ct.ThrowIfCancellationRequested();
        if (_overBudget || System.Diagnostics.Stopwatch.GetElapsedTime(_started) <= Options.MaxValidationTime)
        {
            return _overBudget;
        }

        _overBudget = true;
        Error(OperationOutcome.IssueType.TooCostly, expression,
            $"{constraintKey}: validation stopped here, past its {Options.MaxValidationTime.TotalSeconds:0.#} s budget; the remaining invariants were not evaluated and the resource is refused.");
        return true;
    }

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
