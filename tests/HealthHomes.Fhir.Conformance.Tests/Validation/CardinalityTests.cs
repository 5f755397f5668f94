using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

public sealed class CardinalityTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    [Fact]
    public void Profile_min_1_on_name_is_enforced()
    {
        var patient = Examples.Member();
        patient.Name.Clear();
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Required, "Patient.name", "allowed 1..*");
    }

    [Fact]
    public void Slice_max_1_is_enforced()
    {
        var patient = Examples.Member();
        patient.Extension.Add(new Extension(TestProfiles.Population, new Coding(TestProfiles.PofSystem, "er-frequent")));
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Structure, "Patient.extension", "slice 'pof'");
    }

    [Fact]
    public void Slice_min_1_is_enforced()
    {
        var patient = Examples.Member();
        patient.Extension.Clear();
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Required, "Patient.extension", "slice 'pof'");
    }
}
