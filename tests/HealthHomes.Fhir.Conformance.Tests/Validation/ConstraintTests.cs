using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>FHIRPath constraints from the profiles, each with its own severity.</summary>
public sealed class ConstraintTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    [Fact]
    public void Error_constraint_fails_with_its_key()
    {
        var patient = Examples.Member();
        patient.BirthDate = null;
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Invariant, "Patient", "tp-1: A member has a birth date");
    }

    [Fact]
    public void Warning_constraint_warns_without_failing()
    {
        var task = Examples.Attempt();
        task.ExecutionPeriod = null;
        var result = harness.Validate(task);
        AssertNoErrors(result);
        AssertIssue(result, Severity.Warning, IssueType.Invariant, "Task", "tt-1");
    }
}
