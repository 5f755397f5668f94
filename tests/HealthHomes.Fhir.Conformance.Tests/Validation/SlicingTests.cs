using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>Task.input is sliced closed by a pattern on type.</summary>
public sealed class SlicingTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    [Fact]
    public void Closed_slicing_rejects_an_input_matching_no_slice()
    {
        var task = Examples.Attempt();
        task.Input.Add(new Hl7.Fhir.Model.Task.ParameterComponent { Type = new CodeableConcept(TestProfiles.InputSystem, "other"), Value = new FhirString("x") });
        AssertIssue(harness.Validate(task), Severity.Error, IssueType.Structure, "Task.input[2]", "closed slicing");
    }

    [Fact]
    public void Required_slice_missing_is_an_error()
    {
        var task = Examples.Attempt();
        task.Input.RemoveAt(0);
        AssertIssue(harness.Validate(task), Severity.Error, IssueType.Required, "Task.input", "slice 'modality'");
    }

    [Fact]
    public void Slice_constrains_its_items_value_type()
    {
        var task = Examples.Attempt();
        task.Input[1].Value = new Integer(5550100);
        AssertIssue(harness.Validate(task), Severity.Error, IssueType.Structure, "Task.input[1].value", "Type 'integer' is not allowed");
    }
}
