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
            Put(bundle, Organization(LeadEntityId(i), "lead-entity", null, "KanCare Lead Entity " + (i + 1).ToString(CultureInfo.InvariantCulture), null));
        }

        for (var i = 0; i < HealthHomePartners; i++)
        {
            var type = CodeSystems.HhpProviderTypes[i % CodeSystems.HhpProviderTypes.Count];
            Put(bundle, Organization(HealthHomePartnerId(i), "hhp", type, "Health Home Partner " + (i + 1).ToString(CultureInfo.InvariantCulture), LeadEntityId(i % LeadEntities)));
        }

        for (var i = 0; i < ManagedCarePlans; i++)
        {
            Put(bundle, Organization(ManagedCarePlanId(i), "mcp", null, "Medi-Cal Managed Care Plan " + (i + 1).ToString(CultureInfo.InvariantCulture), null));
        }

        for (var i = 0; i < EcmProviders; i++)
        {
            Put(bundle, Organization(EcmProviderId(i), "ecm-provider", null, "ECM Provider " + (i + 1).ToString(CultureInfo.InvariantCulture), ManagedCarePlanId(i % ManagedCarePlans)));
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

    private static Organization Organization(string id, string type, string? hhpProviderType, string name, string? partOf)
    {
        var organization = new Organization
        {
            Id = id,
            Active = true,
            Name = name,
            Type = [new CodeableConcept(CodeSystems.OrganizationType, type)],
        };
        if (hhpProviderType is not null)
        {
            organization.Type.Add(new CodeableConcept(CodeSystems.HhpProviderType, hhpProviderType));
        }

        if (partOf is not null)
        {
            organization.PartOf = new ResourceReference("Organization/" + partOf);
        }

        return organization;
    }

    private static void Put(Bundle bundle, Resource resource) => bundle.Entry.Add(new Bundle.EntryComponent
    {
        FullUrl = "https://fhir.healthhomes.example/fhir/" + resource.TypeName + "/" + resource.Id,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = resource.TypeName + "/" + resource.Id },
    });
}
