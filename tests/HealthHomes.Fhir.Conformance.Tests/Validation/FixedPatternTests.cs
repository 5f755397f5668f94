using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

public sealed class FixedPatternTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    [Fact]
    public void Identifier_from_another_system_breaks_the_pattern()
    {
        var patient = Examples.Member();
        patient.Identifier[0].System = "https://other.example/id";
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Value, "Patient.identifier[0]", "pattern");
    }

    [Fact]
    public void Task_code_must_carry_the_pattern_coding()
    {
        var task = Examples.Attempt();
        task.Code = new CodeableConcept(TestProfiles.TaskSystem, "other");
        AssertIssue(harness.Validate(task), Severity.Error, IssueType.Value, "Task.code", "pattern");
    }

    [Fact]
    public void Pattern_allows_additional_content()
    {
        var task = Examples.Attempt();
        task.Code!.Text = "Outreach attempt";
        task.Code.Coding.Add(new Coding("http://snomed.info/sct", "1234"));
        AssertNoErrors(harness.Validate(task));
    }
}
