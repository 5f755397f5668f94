using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>
/// compose.exclude.valueSet: the codes of a held excluded set are outside the binding (also as bare codes); when the
/// excluded set is not held, membership is information, never a silent pass.
/// </summary>
public sealed class ExcludedValueSetTests
{
    private const string Base = "https://excludes.example";
    private const string Profile = Base + "/StructureDefinition/excludes-patient";
    private const string System = Base + "/CodeSystem/colours";

    private readonly ProfileValidator _validator;

    public ExcludedValueSetTests()
    {
        var source = new ProfileSource(R4BaseDefinitions.Instance);
        Assert.Empty(source.ReplaceAllAsync([
            TestProfiles.Parse<StructureDefinition>($$$"""
                {"resourceType":"StructureDefinition","id":"excludes-patient","url":"{{{Profile}}}","name":"ExcludesPatient","status":"active",
                 "kind":"resource","abstract":false,"type":"Patient","derivation":"constraint",
                 "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient",
                 "differential":{"element":[
                   {"id":"Patient.language","path":"Patient.language","binding":{"strength":"required","valueSet":"{{{Base}}}/ValueSet/not-red-held-elsewhere"}},
                   {"id":"Patient.maritalStatus","path":"Patient.maritalStatus","binding":{"strength":"required","valueSet":"{{{Base}}}/ValueSet/warm"}}
                 ]}}
                """),
            TestProfiles.Parse<ValueSet>($$$"""
                {"resourceType":"ValueSet","id":"warm","url":"{{{Base}}}/ValueSet/warm","status":"active",
                 "compose":{"include":[{"system":"{{{System}}}"}],"exclude":[{"valueSet":["{{{Base}}}/ValueSet/cold"]}]}}
                """),
            TestProfiles.Parse<ValueSet>($$$"""
                {"resourceType":"ValueSet","id":"cold","url":"{{{Base}}}/ValueSet/cold","status":"active",
                 "compose":{"include":[{"system":"{{{System}}}","concept":[{"code":"blue"}]}]}}
                """),
            TestProfiles.Parse<ValueSet>($$$"""
                {"resourceType":"ValueSet","id":"not-red-held-elsewhere","url":"{{{Base}}}/ValueSet/not-red-held-elsewhere","status":"active",
                 "compose":{"include":[{"system":"urn:ietf:bcp:47","concept":[{"code":"en"},{"code":"es"}]}],"exclude":[{"valueSet":["https://elsewhere.example/ValueSet/x"]}]}}
                """),
            TestProfiles.Parse<CodeSystem>($$$"""
                {"resourceType":"CodeSystem","id":"colours","url":"{{{System}}}","status":"active","content":"complete",
                 "concept":[{"code":"red"},{"code":"blue"}]}
                """),
        ]).GetAwaiter().GetResult());
        _validator = new ProfileValidator(source, new ValidationOptions());
    }

    [Fact]
    public void A_code_of_a_held_excluded_value_set_is_outside_the_binding()
    {
        AssertNoErrors(Validate(new Patient { MaritalStatus = new CodeableConcept(System, "red") }));
        AssertIssue(Validate(new Patient { MaritalStatus = new CodeableConcept(System, "blue") }),
            Severity.Error, IssueType.CodeInvalid, "Patient.maritalStatus", "required binding");
    }

    [Fact]
    public void When_the_excluded_value_set_is_not_held_membership_is_information_not_a_pass()
    {
        var result = Validate(new Patient { Language = "en" });

        AssertNoErrors(result);
        AssertIssue(result, Severity.Information, IssueType.CodeInvalid, "Patient.language", "https://elsewhere.example/ValueSet/x");
    }

    private ValidationResult Validate(Patient patient) =>
        _validator.ValidateAsync(patient, [Profile], CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
