using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>
/// A held ValueSet whose compose imports (include.valueSet) a ValueSet the server does not hold, as published IGs do with
/// VSAC value sets (found loading an IG's race and birth-sex extensions: a code of the imported set was an error): its
/// codes are unknown, so a code not found in the rest of the set is information, not a required-binding error; a code its
/// held, complete code system does not define is still an error.
/// </summary>
public sealed class ImportedValueSetTests
{
    private const string Base = "https://imports.example";
    private const string Profile = Base + "/StructureDefinition/imports-patient";
    private const string SexExtension = Base + "/StructureDefinition/sex-at-birth";
    private const string HeldSystem = Base + "/CodeSystem/held";
    private const string NotHeldSystem = "urn:oid:1.2.3.4.5";

    private readonly ProfileValidator _validator;

    public ImportedValueSetTests()
    {
        var source = new ProfileSource(R4BaseDefinitions.Instance);
        Assert.Empty(source.ReplaceAllAsync([
            TestProfiles.Parse<StructureDefinition>($$$"""
                {"resourceType":"StructureDefinition","id":"imports-patient","url":"{{{Profile}}}","name":"ImportsPatient","status":"active",
                 "kind":"resource","abstract":false,"type":"Patient","derivation":"constraint",
                 "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient",
                 "differential":{"element":[
                   {"id":"Patient.extension:sex","path":"Patient.extension","sliceName":"sex","max":"1",
                    "type":[{"code":"Extension","profile":["{{{SexExtension}}}"]}]},
                   {"id":"Patient.maritalStatus","path":"Patient.maritalStatus",
                    "binding":{"strength":"required","valueSet":"{{{Base}}}/ValueSet/mixed"}}
                 ]}}
                """),
            TestProfiles.Parse<StructureDefinition>($$$"""
                {"resourceType":"StructureDefinition","id":"sex-at-birth","url":"{{{SexExtension}}}","name":"SexAtBirth","status":"active",
                 "kind":"complex-type","abstract":false,"type":"Extension","derivation":"constraint",
                 "context":[{"type":"element","expression":"Patient"}],
                 "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Extension",
                 "differential":{"element":[
                   {"id":"Extension.url","path":"Extension.url","fixedUri":"{{{SexExtension}}}"},
                   {"id":"Extension.value[x]","path":"Extension.value[x]","min":1,"type":[{"code":"code"}],
                    "binding":{"strength":"required","valueSet":"{{{Base}}}/ValueSet/imports-only"}}
                 ]}}
                """),
            TestProfiles.Parse<ValueSet>($$$"""
                {"resourceType":"ValueSet","id":"imports-only","url":"{{{Base}}}/ValueSet/imports-only","status":"active",
                 "compose":{"include":[{"valueSet":["https://elsewhere.example/ValueSet/a"]},{"valueSet":["https://elsewhere.example/ValueSet/b"]}]}}
                """),
            TestProfiles.Parse<ValueSet>($$$"""
                {"resourceType":"ValueSet","id":"mixed","url":"{{{Base}}}/ValueSet/mixed","status":"active",
                 "compose":{"include":[{"system":"{{{HeldSystem}}}","concept":[{"code":"a"}]},{"valueSet":["https://elsewhere.example/ValueSet/c"]}]}}
                """),
            TestProfiles.Parse<CodeSystem>($$$"""
                {"resourceType":"CodeSystem","id":"held","url":"{{{HeldSystem}}}","status":"active","content":"complete",
                 "concept":[{"code":"a"},{"code":"b"}]}
                """),
        ]).GetAwaiter().GetResult());
        _validator = new ProfileValidator(source, new ValidationOptions());
    }

    [Fact]
    public void A_code_typed_value_bound_to_a_set_of_imports_not_held_is_information()
    {
        var patient = new Patient { Extension = [new Extension(SexExtension, new Code("F"))] };
        var result = Validate(patient);
        AssertNoErrors(result);
        AssertIssue(result, Severity.Information, IssueType.CodeInvalid, "Patient.extension[0].value", "https://elsewhere.example/ValueSet/a");
    }

    [Fact]
    public void A_coding_of_a_system_not_held_is_information_when_the_set_imports_a_value_set_not_held()
    {
        var patient = new Patient { MaritalStatus = new CodeableConcept(NotHeldSystem, "2106-3") };
        var result = Validate(patient);
        AssertNoErrors(result);
        AssertIssue(result, Severity.Information, IssueType.CodeInvalid, "Patient.maritalStatus", "is not held");
    }

    [Fact]
    public void A_code_of_the_held_part_passes_and_a_code_its_complete_system_does_not_define_is_still_an_error()
    {
        AssertNoErrors(Validate(new Patient { MaritalStatus = new CodeableConcept(HeldSystem, "a") }));
        AssertNoErrors(Validate(new Patient { MaritalStatus = new CodeableConcept(HeldSystem, "b") }));
        AssertIssue(Validate(new Patient { MaritalStatus = new CodeableConcept(HeldSystem, "zz") }),
            Severity.Error, IssueType.CodeInvalid, "Patient.maritalStatus", "required binding");
    }

    private ValidationResult Validate(Patient patient) =>
        _validator.ValidateAsync(patient, [Profile], CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
