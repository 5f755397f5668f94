using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

public sealed class ExtensionSlicingTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    [Fact]
    public void Extension_value_of_a_type_the_definition_does_not_allow_is_an_error()
    {
        var patient = Examples.Member();
        patient.Extension[0].Value = new FhirString("homeless");
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Structure, "Patient.extension[0].value", "Type 'string' is not allowed");
    }

    [Fact]
    public void Extension_without_value_breaks_the_definition_cardinality()
    {
        var patient = Examples.Member();
        patient.Extension[0].Value = null;
        patient.Extension[0].Extension.Add(new Extension("part", new FhirString("x")));
        var result = harness.Validate(patient);
        AssertIssue(result, Severity.Error, IssueType.Required, "Patient.extension[0].value");
        AssertIssue(result, Severity.Error, IssueType.Structure, "Patient.extension[0].extension", "allowed 0..0");
    }

    [Fact]
    public void Open_slicing_accepts_other_extensions_and_reports_undefined_ones()
    {
        var patient = Examples.Member();
        patient.Extension.Add(new Extension("https://elsewhere.example/ext", new FhirString("x")));
        var result = harness.Validate(patient);
        AssertNoErrors(result);
        AssertIssue(result, Severity.Information, IssueType.Extension, "Patient.extension[1]", "not defined");
    }
}
