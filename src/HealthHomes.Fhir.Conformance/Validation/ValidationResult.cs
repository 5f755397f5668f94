using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation;

/// <summary>Plain OperationOutcome issues, each with a FHIRPath <c>expression</c> naming the element.</summary>
public sealed class ValidationResult(IReadOnlyList<OperationOutcome.IssueComponent> issues)
{
    public IReadOnlyList<OperationOutcome.IssueComponent> Issues { get; } = issues;

    /// <summary>No issue of severity error or fatal.</summary>
    public bool IsValid => !Issues.Any(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);
}
