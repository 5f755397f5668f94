using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

public sealed class ReferenceAndMustSupportTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    [Fact]
    public void Profile_narrows_reference_targets()
    {
        var task = Examples.Attempt();
        task.For = new ResourceReference("https://fhir.example/Practitioner/d1/_history/2");
        AssertIssue(harness.Validate(task), Severity.Error, IssueType.Structure, "Task.for", "Practitioner");
    }

    [Fact]
    public void Contained_reference_target_type_is_checked()
    {
        var task = Examples.Attempt();
        task.Contained.Add(new Organization { Id = "o1", Name = "x" });
        task.For = new ResourceReference("#o1");
        AssertIssue(harness.Validate(task), Severity.Error, IssueType.Structure, "Task.for", "Organization");
    }

    [Fact]
    public void Absent_must_support_element_is_reported_as_information()
    {
        var patient = Examples.Member();
        patient.Telecom.Clear();
        var result = harness.Validate(patient);
        AssertNoErrors(result);
        AssertIssue(result, Severity.Information, IssueType.Informational, "Patient.telecom", "mustSupport");
    }
}
