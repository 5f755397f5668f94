using System.Globalization;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// The organizations and staff every member bundle points at, created once (PUT with fixed ids, so loading twice
/// changes nothing but versions): KanCare Lead Entities and Health Home Partners, Medi-Cal plans and ECM Providers,
/// and the practitioners who work for the providers.
/// </summary>
public static class ProviderDirectory
{
    public const int LeadEntities = 3;
    public const int HealthHomePartners = 24;
    public const int ManagedCarePlans = 2;
    public const int EcmProviders = 24;
    public const int PractitionersPerProvider = 4;
    public const int PcpPractices = 8;
    public const int CommunityOrganizations = 5;

    /// <summary>The first ECM Providers are also primary care practices, so a member's PCP can be assigned as their ECM Provider.</summary>
    public const int EcmProvidersThatArePcps = 6;

    private const string OrganizationType = "http://terminology.hl7.org/CodeSystem/organization-type";

    public static string LeadEntityId(int i) => "ks-le-" + (i + 1).ToString(CultureInfo.InvariantCulture);

    public static string HealthHomePartnerId(int i) => "ks-hhp-" + (i + 1).ToString("00", CultureInfo.InvariantCulture);

    public static string ManagedCarePlanId(int i) => "ca-mcp-" + (i + 1).ToString(CultureInfo.InvariantCulture);

    public static string EcmProviderId(int i) => "ecm-provider-" + (i + 1).ToString("00", CultureInfo.InvariantCulture);

    public static string PcpPracticeId(bool ecm, int i) => (ecm ? "pcp-ca-" : "pcp-ks-") + (i + 1).ToString("00", CultureInfo.InvariantCulture);

    public static string CommunityOrganizationId(bool ecm, int i) => (ecm ? "community-ca-" : "community-ks-") + (i + 1).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>A member's primary care practice (Patient.generalPractitioner); for ECM members sometimes an ECM Provider.</summary>
    internal static string PrimaryCare(Random random, bool ecm) => "Organization/" + (ecm && random.Next(100) < 35
        ? EcmProviderId(random.Next(EcmProvidersThatArePcps))
        : PcpPracticeId(ecm, random.Next(PcpPractices)));

    /// <summary>The staff of provider <paramref name="provider"/> (HHP or ECM Provider index) in the given program.</summary>
    public static string PractitionerId(bool ecm, int provider, int staff) =>
        (ecm ? "ecm-staff-" : "ks-staff-") + (provider + 1).ToString("00", CultureInfo.InvariantCulture) + "-" + (staff + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A transaction Bundle of PUTs creating every organization and practitioner.</summary>
    public static Bundle Transaction()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        for (var i = 0; i < LeadEntities; i++)
        {
            Put(bundle, Organization(LeadEntityId(i), "hh-lead-entity", "lead-entity", "KanCare Lead Entity " + Number(i), null));
        }

        for (var i = 0; i < HealthHomePartners; i++)
        {
            var partner = Organization(HealthHomePartnerId(i), "hh-health-home-partner", "health-home-partner", "Health Home Partner " + Number(i), LeadEntityId(i % LeadEntities));
            partner.Extension.Add(new Extension(CodeSystems.Extension("hh-hhp-provider-type"),
                new CodeableConcept(CodeSystems.HhpProviderType, CodeSystems.HhpProviderTypes[i % CodeSystems.HhpProviderTypes.Count])));
            HitMilestones(partner, i);
            Put(bundle, partner);
        }

        for (var i = 0; i < ManagedCarePlans; i++)
        {
            Put(bundle, Organization(ManagedCarePlanId(i), "hh-lead-entity", "managed-care-plan", "Medi-Cal Managed Care Plan " + Number(i), null));
        }

        for (var i = 0; i < EcmProviders; i++)
        {
            var provider = Organization(EcmProviderId(i), "hh-ecm-provider", "ecm-provider", "ECM Provider " + Number(i), ManagedCarePlanId(i % ManagedCarePlans));
            provider.Extension.Add(new Extension(CodeSystems.Extension("hh-contract-period"), new Period { Start = "2023-01-01", End = "2026-12-31" }));
            if (i < EcmProvidersThatArePcps)
            {
                provider.Type.Add(new CodeableConcept(OrganizationType, "prov", "Healthcare Provider"));
            }

            Put(bundle, provider);
        }

        foreach (var ecm in new[] { false, true })
        {
            var state = ecm ? "California" : "Kansas";
            for (var i = 0; i < PcpPractices; i++)
            {
                Put(bundle, Plain(PcpPracticeId(ecm, i), "prov", "Healthcare Provider", state + " Primary Care Practice " + Number(i)));
            }

            for (var i = 0; i < CommunityOrganizations; i++)
            {
                Put(bundle, Plain(CommunityOrganizationId(ecm, i), "cg", "Community Group", state + " Community Services " + Number(i)));
            }
        }

        var npi = 1_000_000_000L;
        foreach (var ecm in new[] { false, true })
        {
            for (var provider = 0; provider < (ecm ? EcmProviders : HealthHomePartners); provider++)
            {
                for (var staff = 0; staff < PractitionersPerProvider; staff++)
                {
                    var name = MemberNames.Staff(provider * PractitionersPerProvider + staff + (ecm ? 1000 : 0));
                    Put(bundle, new Practitioner
                    {
                        Id = PractitionerId(ecm, provider, staff),
                        Active = true,
                        Identifier = [new Identifier(CodeSystems.Npi, (++npi).ToString(CultureInfo.InvariantCulture))],
                        Name = [name],
                    });
                }
            }
        }

        return bundle;
    }

    /// <summary>The provider that a member enrolled with a Health Home Partner or ECM Provider answers to.</summary>
    public static string ResponsiblePlanId(bool ecm, int provider) => ecm ? ManagedCarePlanId(provider % ManagedCarePlans) : LeadEntityId(provider % LeadEntities);

    private static string Number(int i) => (i + 1).ToString(CultureInfo.InvariantCulture);

    private static Organization Organization(string id, string profile, string role, string name, string? partOf) => new()
    {
        Id = id,
        Meta = new Meta { Profile = [CodeSystems.Profile(profile)] },
        Active = true,
        Name = name,
        Identifier = [new Identifier(CodeSystems.Npi, (1_500_000_000L + (uint)StableHash(id) % 100_000_000).ToString(CultureInfo.InvariantCulture))],
        Type = [new CodeableConcept(CodeSystems.OrganizationRole, role)],
        PartOf = partOf is null ? null : new ResourceReference("Organization/" + partOf),
    };

    /// <summary>
    /// KS-HHP-EHR-PLAN/-EHR/-HIE: contracts starting 2023-01 to 2024-06; the EHR plan mostly within 90 days, the EHR
    /// within 12 months, the HIE connection within 18 months; some late, some missing.
    /// </summary>
    private static void HitMilestones(Organization partner, int i)
    {
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(i * 23 % 540);
        partner.Extension.Add(new Extension(CodeSystems.Extension("hh-contract-period"), new Period { Start = ProgramClock.Date(start) }));
        DateTime?[] dates =
        [
            i % 6 == 5 ? null : start.AddDays(i % 5 == 3 ? 100 + (i * 7 % 40) : 20 + (i * 11 % 65)),
            i % 8 == 6 ? null : start.AddMonths(i % 7 == 2 ? 13 + (i % 3) : 6 + (i % 5)).AddDays(i % 20),
            i % 4 == 1 ? null : start.AddMonths(i % 9 == 4 ? 19 + (i % 4) : 10 + (i % 7)).AddDays(i % 25),
        ];
        string[] milestones = ["ehr-plan", "ehr-in-use", "hie-connected"];
        for (var m = 0; m < milestones.Length; m++)
        {
            if (dates[m] is not { } date || date > ProgramClock.LastDay)
            {
                continue;
            }

            var attestation = new Extension { Url = CodeSystems.Extension("hh-hit-attestation") };
            attestation.Extension.Add(new Extension("milestone", new Code(milestones[m])));
            attestation.Extension.Add(new Extension("date", new Date(ProgramClock.Date(date))));
            if (m == 2)
            {
                attestation.Extension.Add(new Extension("hie", new FhirString(i % 3 == 0 ? "LACIE" : "KHIN")));
            }

            partner.Extension.Add(attestation);
        }
    }

    private static Organization Plain(string id, string code, string display, string name) => new()
    {
        Id = id,
        Active = true,
        Name = name,
        Identifier = [new Identifier(CodeSystems.Npi, (1_500_000_000L + (uint)StableHash(id) % 100_000_000).ToString(CultureInfo.InvariantCulture))],
        Type = [new CodeableConcept(OrganizationType, code, display)],
    };

    /// <summary>FNV-1a: a hash that is the same on every run (string.GetHashCode is not).</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    private static void Put(Bundle bundle, Resource resource) => bundle.Entry.Add(new Bundle.EntryComponent
    {
        FullUrl = "https://fhir.healthhomes.example/fhir/" + resource.TypeName + "/" + resource.Id,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = resource.TypeName + "/" + resource.Id },
    });
}
