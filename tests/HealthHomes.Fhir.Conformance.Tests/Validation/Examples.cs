using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>Valid instances of the test profiles; each test breaks one thing.</summary>
internal static class Examples
{
    public static Patient Member() => new()
    {
        Meta = new Meta { Profile = [TestProfiles.Patient] },
        Extension = [new Extension(TestProfiles.Population, new Coding(TestProfiles.PofSystem, "homeless"))],
        Identifier = [new Identifier(TestProfiles.MedicaidSystem, "K123")],
        Name = [new HumanName { Family = "Rivera", Given = ["Ana"] }],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "555-0100")],
        BirthDate = "1980-04-01",
        Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", "es") }],
    };

    public static Hl7.Fhir.Model.Task Attempt() => new()
    {
        Meta = new Meta { Profile = [TestProfiles.Task] },
        Status = Hl7.Fhir.Model.Task.TaskStatus.Completed,
        Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
        Code = new CodeableConcept(TestProfiles.TaskSystem, "outreach"),
        For = new ResourceReference("Patient/p1"),
        ExecutionPeriod = new Period { Start = "2025-03-01T10:00:00Z", End = "2025-03-01T10:05:00Z" },
        Input =
        [
            new Hl7.Fhir.Model.Task.ParameterComponent { Type = new CodeableConcept(TestProfiles.InputSystem, "modality"), Value = new CodeableConcept("https://test.example/CodeSystem/modality", "phone") },
            new Hl7.Fhir.Model.Task.ParameterComponent { Type = new CodeableConcept(TestProfiles.InputSystem, "phone"), Value = new FhirString("555-0100") },
        ],
    };
}
