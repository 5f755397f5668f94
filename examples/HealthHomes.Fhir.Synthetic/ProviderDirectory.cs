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

    public static string LeadEntityId(int i) => "ks-le-" + (i + 1).ToString(CultureInfo.InvariantCulture);

    public static string HealthHomePartnerId(int i) => "ks-hhp-" + (i + 1).ToString("00", CultureInfo.InvariantCulture);

    public static string ManagedCarePlanId(int i) => "ca-mcp-" + (i + 1).ToString(CultureInfo.InvariantCulture);

    public static string EcmProviderId(int i) => "ecm-provider-" + (i + 1).ToString("00", CultureInfo.InvariantCulture);

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
            partner.Extension.Add(new Extension(CodeSystems.Extension("hh-contract-period"), new Period { Start = "2023-07-01" }));
            Put(bundle, partner);
        }

        for (var i = 0; i < ManagedCarePlans; i++)
        {
            Put(bundle, Organization(ManagedCarePlanId(i), "hh-lead-entity", "managed-care-plan", "Medi-Cal Managed Care Plan " + Number(i), null));
        }

        for (var i = 0; i < EcmProviders; i++)
        {
            var provider = Organization(EcmProviderId(i), "hh-ecm-provider", "ecm-provider", "ECM Provider " + Number(i), ManagedCarePlanId(i % ManagedCarePlans));
            provider.Extension.Add(new Extension(CodeSystems.Extension("hh-contract-period"), new Period { Start = "2023-01-01" }));
            Put(bundle, provider);
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
