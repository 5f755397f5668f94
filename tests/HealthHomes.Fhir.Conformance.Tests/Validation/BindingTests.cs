using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

public sealed class BindingTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    [Fact]
    public void Required_binding_rejects_a_code_not_in_the_value_set()
    {
        var patient = Examples.Member();
        patient.Communication[0].Language = new CodeableConcept("urn:ietf:bcp:47", "fr");
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.CodeInvalid, "Patient.communication[0].language", "required binding");
    }

    [Fact]
    public void Code_from_a_system_the_server_does_not_hold_is_information()
    {
        var patient = Examples.Member();
        patient.Communication[0].Language = new CodeableConcept("urn:iso:std:iso:3166", "US");
        var result = harness.Validate(patient);
        AssertNoErrors(result);
        AssertIssue(result, Severity.Information, IssueType.CodeInvalid, "Patient.communication[0].language", "not held");
    }

    [Fact]
    public void Extensible_binding_rejects_an_unknown_code_of_a_bound_system()
    {
        var patient = new Patient { MaritalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "ZZ") };
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.CodeInvalid, "Patient.maritalStatus", "extensible binding");
    }

    [Fact]
    public void Extensible_binding_accepts_a_code_of_another_system()
    {
        var patient = new Patient { MaritalStatus = new CodeableConcept("https://local.example/marital", "partnered") };
        AssertNoErrors(harness.Validate(patient));
    }

    [Fact]
    public void Extension_value_is_bound_through_the_extension_definition()
    {
        var patient = Examples.Member();
        patient.Extension[0].Value = new Coding(TestProfiles.PofSystem, "astronaut");
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.CodeInvalid, "Patient.extension[0].value", "ValueSet/pof");
    }

    [Fact]
    public void Is_a_hierarchy_codes_are_in_a_whole_system_value_set()
    {
        var patient = Examples.Member();
        patient.Extension[0].Value = new Coding(TestProfiles.PofSystem, "er-frequent");
        AssertNoErrors(harness.Validate(patient));
    }
    /// <summary>
    /// ElementDefinition.type.code (uri) is bound extensible to defined-types; HL7's own snapshots put the FHIRPath system
    /// type there for id, Extension.url and primitive values (found uploading R4's vitalsigns profile, the base of an IG's
    /// vital-signs profiles: 5 errors, 422). A bare code outside an extensible set is a warning; required stays an error.
    /// </summary>
    [Fact]
    public void Bare_code_outside_an_extensible_value_set_is_a_warning()
    {
        var sd = TestProfiles.Parse<StructureDefinition>("""
            {"resourceType":"StructureDefinition","id":"with-snapshot","url":"https://test.example/StructureDefinition/with-snapshot",
             "name":"WithSnapshot","status":"active","kind":"resource","abstract":false,"type":"Basic","derivation":"constraint",
             "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Basic",
             "snapshot":{"element":[
               {"id":"Basic","path":"Basic","definition":"A basic resource.","min":0,"max":"*","base":{"path":"Basic","min":0,"max":"*"}},
               {"id":"Basic.id","path":"Basic.id","definition":"Logical id.","min":0,"max":"1","base":{"path":"Resource.id","min":0,"max":"1"},
                "type":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type","valueUrl":"string"}],
                         "code":"http://hl7.org/fhirpath/System.String"}]}
             ]}}
            """);
        var result = harness.Validate(sd);
        AssertNoErrors(result);
        AssertIssue(result, Severity.Warning, IssueType.CodeInvalid, "StructureDefinition.snapshot.element[1].type[0].code", "extensible binding");

        var patient = Examples.Member();
        patient.Gender = null;
        patient.GenderElement = new Code<AdministrativeGender> { JsonValue = "unknown-gender" };
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.CodeInvalid, "Patient.gender", "required binding");
    }
}
