using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>
/// The scenario server with a configured default ECM Provider and a small ECM provider directory (PUT at start):
/// a preferred provider, a PCP clinic that is an ECM Provider (with its PractitionerRole), a specialty mental health
/// provider that is also a contracted ECM Provider, a PCP clinic that is not one, and the plan default. Members are
/// added per test with <see cref="AddMemberAsync"/>.
/// </summary>
public sealed class EcmAssignmentServer : ScenarioServer
{
    public const string Preferred = "Organization/ecm-test-preferred";
    public const string PcpEcmClinic = "Organization/ecm-test-pcp-clinic";
    public const string PcpRole = "PractitionerRole/ecm-test-dr-a";
    public const string BehavioralHealth = "Organization/ecm-test-bh";
    public const string PlainClinic = "Organization/ecm-test-plain-clinic";
    public const string Default = "Organization/ecm-test-default";
    public const string Plan = "Organization/kern-health-systems";

    private const string Base = "https://fhir.healthhomes.example/";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("CareManagement:DefaultEcmProvider", Default)];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var client = CreateFhirClient();
        await PutAsync(client, Organization(Preferred, "ecm-provider"));
        await PutAsync(client, Organization(PcpEcmClinic, "ecm-provider"));
        await PutAsync(client, Organization(BehavioralHealth, "specialty-mental-health-provider", "ecm-provider"));
        await PutAsync(client, Organization(PlainClinic));
        await PutAsync(client, Organization(Default, "ecm-provider"));
        await PutAsync(client, new PractitionerRole
        {
            Id = PcpRole.Split('/')[1],
            Active = true,
            Practitioner = new ResourceReference("Practitioner/ecm-test-dr-a"),
            Organization = new ResourceReference(PcpEcmClinic),
        });
    }

    /// <summary>A Patient with a Medi-Cal CIN and the given PCPs, and an open ECM EpisodeOfCare authorized from 2026-03-02, not yet assigned (managed by the plan, no period).</summary>
    public static async Task AddMemberAsync(HttpClient client, string id, params string[] generalPractitioners)
    {
        await PutAsync(client, new Patient
        {
            Id = id,
            Identifier = [new Identifier(Base + "sid/medi-cal-cin", "9" + Math.Abs(id.GetHashCode(StringComparison.Ordinal) % 10000000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture) + "A")],
            Name = [new HumanName { Family = "Test", Given = [id] }],
            BirthDate = "1980-01-01",
            GeneralPractitioner = [.. generalPractitioners.Select(r => new ResourceReference(r))],
        });
        await PutAsync(client, EcmEpisode(id));
    }

    public static EpisodeOfCare EcmEpisode(string patientId) => new()
    {
        Id = patientId + "-ecm",
        Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
        Type = [new CodeableConcept(Base + "CodeSystem/hh-program", "ecm")],
        Patient = new ResourceReference("Patient/" + patientId),
        ManagingOrganization = new ResourceReference(Plan),
        Extension =
        [
            new Extension(Base + "StructureDefinition/hh-responsible-plan", new ResourceReference(Plan)),
            new Extension(Base + "StructureDefinition/hh-authorization-period", new Period { Start = "2026-03-02", End = "2027-03-01" }),
        ],
    };

    public static async Task PutAsync(HttpClient client, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        using var response = await client.SendAsync(HttpMethod.Put, $"{resource.TypeName}/{resource.Id}", FhirHttp.Body(resource));
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"PUT {resource.TypeName}/{resource.Id}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static Organization Organization(string reference, params string[] roles) => new()
    {
        Id = reference.Split('/')[1],
        Name = reference.Split('/')[1],
        Active = true,
        Type = [.. roles.Select(r => new CodeableConcept(Base + "CodeSystem/hh-organization-role", r))],
        Extension = roles.Contains("ecm-provider") ? [new Extension(Base + "StructureDefinition/hh-contract-period", new Period { Start = "2025-01-01" })] : [],
    };
}
