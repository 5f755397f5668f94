using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Search;

/// <summary>
/// A small seeded record, written through the REST API in one transaction: every resource carries the tag
/// urn:run|{Run} and an id prefixed with {Run}- so that searches see only this fixture's data.
///   Patient p1  Ábalos, Eve; female; born 1974-03-02; MRN 123 (type MR); phone; active; Organization o1; profile prof-a; security R
///   Patient p2  Smith, Evelyn; male; born 1980-05; MRN 456
///   Patient p3  Smithson; no gender; born 2001
///   Observation ob1  p1, LOINC 1234-5 "Glucose", 5.4 mg, 2015-02-15, final
///   Observation ob2  p2, text only, 120 mm[Hg], preliminary
///   RiskAssessment ra1  p1, probability 0.8
///   Task t1  for p1, completed; Task t2 for p2, requested
/// </summary>
public sealed class SearchOverHttpFixture : IAsyncLifetime
{
    public FhirServerFactory Server { get; } = new();

    public string Run { get; } = "r" + Guid.NewGuid().ToString("N")[..10];

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Server.CreateFhirClient();
        var tag = new Coding("urn:run", Run);
        Resource[] resources =
        [
            new Organization { Id = Id("o1"), Name = "Prairie View" },
            new Patient
            {
                Id = Id("p1"), Active = true, Gender = AdministrativeGender.Female, BirthDate = "1974-03-02",
                Name = [new HumanName { Family = "Ábalos", Given = ["Eve"] }],
                Identifier = [new Identifier("urn:mrn", "123") { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR") }],
                Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "785-555-0100")],
                ManagingOrganization = new ResourceReference($"Organization/{Id("o1")}"),
                Meta = new Meta { Profile = ["https://example.org/StructureDefinition/prof-a"], Security = [new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R")] },
            },
            new Patient { Id = Id("p2"), Gender = AdministrativeGender.Male, BirthDate = "1980-05", Name = [new HumanName { Family = "Smith", Given = ["Evelyn"] }], Identifier = [new Identifier("urn:mrn", "456")] },
            new Patient { Id = Id("p3"), BirthDate = "2001", Name = [new HumanName { Family = "Smithson" }] },
            new Observation
            {
                Id = Id("ob1"), Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "1234-5", "Glucose"),
                Subject = new ResourceReference($"Patient/{Id("p1")}"), Effective = new FhirDateTime("2015-02-15"), Value = new Quantity(5.4m, "mg", "http://unitsofmeasure.org"),
            },
            new Observation
            {
                Id = Id("ob2"), Status = ObservationStatus.Preliminary, Code = new CodeableConcept { Text = "free text" },
                Subject = new ResourceReference($"Patient/{Id("p2")}"), Value = new Quantity(120m, "mm[Hg]", "http://unitsofmeasure.org"),
            },
            new RiskAssessment { Id = Id("ra1"), Status = ObservationStatus.Final, Subject = new ResourceReference($"Patient/{Id("p1")}"), Prediction = [new RiskAssessment.PredictionComponent { Probability = new FhirDecimal(0.8m) }] },
            new Hl7.Fhir.Model.Task { Id = Id("t1"), Status = Hl7.Fhir.Model.Task.TaskStatus.Completed, Intent = Hl7.Fhir.Model.Task.TaskIntent.Order, For = new ResourceReference($"Patient/{Id("p1")}") },
            new Hl7.Fhir.Model.Task { Id = Id("t2"), Status = Hl7.Fhir.Model.Task.TaskStatus.Requested, Intent = Hl7.Fhir.Model.Task.TaskIntent.Order, For = new ResourceReference($"Patient/{Id("p2")}") },
        ];
        var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var resource in resources)
        {
            resource.Meta ??= new Meta();
            resource.Meta.Tag.Add(tag);
            transaction.Entry.Add(new Bundle.EntryComponent
            {
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{resource.TypeName}/{resource.Id}" },
            });
        }

        using var response = await Client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(transaction));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding failed: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public string Id(string local) => $"{Run}-{local}";

    public Task DisposeAsync()
    {
        Client.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }
}
