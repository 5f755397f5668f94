using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>Base R4: cardinality, required bindings, core invariants, primitive formats, unknown elements.</summary>
public sealed class CoreStructureTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    private static Observation ValidObservation() => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "8867-4"),
        Subject = new ResourceReference("Patient/p1"),
    };

    [Fact]
    public void Valid_observation_has_no_issues()
    {
        var result = harness.Validate(ValidObservation());
        Assert.True(result.Issues.Count == 0, Describe(result));
    }

    [Fact]
    public void Observation_without_code_breaks_cardinality()
    {
        var obs = ValidObservation();
        obs.Code = null!;
        AssertIssue(harness.Validate(obs), Severity.Error, IssueType.Required, "Observation.code", "allowed 1..1");
    }

    [Fact]
    public void Observation_status_outside_required_binding_is_an_error()
    {
        var obs = ValidObservation();
        obs.StatusElement = new Code<ObservationStatus> { JsonValue = "bogus" };
        AssertIssue(harness.Validate(obs), Severity.Error, IssueType.CodeInvalid, "Observation.status", "observation-status");
    }

    [Fact]
    public void Period_start_after_end_breaks_per_1()
    {
        var obs = ValidObservation();
        obs.Effective = new Period { Start = "2025-02-01", End = "2025-01-01" };
        AssertIssue(harness.Validate(obs), Severity.Error, IssueType.Invariant, "Observation.effective", "per-1");
    }

    [Fact]
    public void Patient_contact_without_details_breaks_pat_1()
    {
        var patient = new Patient { Contact = [new Patient.ContactComponent { Gender = AdministrativeGender.Female }] };
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Invariant, "Patient.contact[0]", "pat-1");
    }

    [Fact]
    public void Reference_to_a_type_the_core_does_not_allow_is_an_error()
    {
        var obs = ValidObservation();
        obs.Subject = new ResourceReference("Medication/m1");
        AssertIssue(harness.Validate(obs), Severity.Error, IssueType.Structure, "Observation.subject", "Medication");
    }

    [Fact]
    public void Unknown_element_and_bad_date_format_are_errors()
    {
        var options = new JsonSerializerOptions().ForFhir(new FhirJsonConverterOptions { ExceptionFilter = _ => true });
        var patient = JsonSerializer.Deserialize<Patient>("""{"resourceType":"Patient","foo":1,"birthDate":"2020-13"}""", options)!;
        var result = harness.Validate(patient);
        AssertIssue(result, Severity.Error, IssueType.Structure, "Patient.foo", "Unknown element");
        AssertIssue(result, Severity.Error, IssueType.Value, "Patient.birthDate", "not a valid date");
    }

    [Fact]
    public void Extensive_core_extension_is_checked_against_its_definition()
    {
        var patient = new Patient();
        patient.Extension.Add(new Extension("http://hl7.org/fhir/StructureDefinition/patient-birthTime", new FhirString("noon")));
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Structure, "Patient.extension[0].value", "not allowed");
    }
}
