using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Ecm;

/// <summary>hh-organization-role codes read by the ECM assignment (Organization.type).</summary>
public static class OrganizationRoleCodes
{
    public const string LeadEntity = "lead-entity";
    public const string ManagedCarePlan = "managed-care-plan";
    public const string HealthHomePartner = "health-home-partner";
    public const string EcmProvider = "ecm-provider";
    public const string SpecialtyMentalHealthProvider = "specialty-mental-health-provider";
    public const string SudProvider = "sud-provider";
}

/// <summary>
/// The Organizations the server passes in, looked up by reference, with the ECM contract test of ECM-ASSIGN-10BD: an
/// Organization is a <em>contracted ECM Provider</em> as of a local date when it is not inactive, its type has
/// hh-organization-role#ecm-provider and its hh-contract-period extension covers that date (start and end are
/// inclusive local dates in the ECM zone; no start = not contracted; no end = open-ended).
/// </summary>
public sealed class EcmProviderDirectory
{
    private readonly Dictionary<string, Organization> organizations = new(StringComparer.Ordinal);
    private readonly ProgramClock clock = ProgramClock.For(CareProgram.EnhancedCareManagement);

    public EcmProviderDirectory(IEnumerable<Organization> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        foreach (var organization in organizations)
        {
            if (!string.IsNullOrEmpty(organization.Id))
            {
                this.organizations["Organization/" + organization.Id] = organization;
            }
        }
    }

    /// <summary>"Organization/id" for a reference written as "Organization/id", an absolute url ending in it, or with a version suffix; null for other resource types.</summary>
    public static string? Normalize(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.LastIndexOf(parts, "Organization");
        return at >= 0 && at + 1 < parts.Length ? "Organization/" + parts[at + 1] : null;
    }

    public Organization? Find(string? reference) =>
        Normalize(reference) is { } key && organizations.TryGetValue(key, out var organization) ? organization : null;

    public static bool HasRole(Organization organization, string role)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return organization.Type.HasCode(ProgramCodes.OrganizationRoleSystem, role);
    }

    /// <summary>Why <paramref name="reference"/> is not a contracted ECM Provider on <paramref name="day"/>, or null when it is one.</summary>
    public string? WhyNotContracted(string? reference, DateOnly day)
    {
        var organization = Find(reference);
        if (organization is null)
        {
            return $"{reference} is not in the ECM provider directory";
        }

        if (organization.Active == false)
        {
            return $"{reference} is inactive";
        }

        if (!HasRole(organization, OrganizationRoleCodes.EcmProvider))
        {
            return $"{reference} is not an ECM Provider (Organization.type has no hh-organization-role#ecm-provider)";
        }

        if (organization.ExtensionValue(ProgramCodes.ContractPeriodExtension) is not Period contract
            || LocalDate(contract.Start) is not { } start)
        {
            return $"{reference} has no hh-contract-period start";
        }

        var day0 = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (day < start)
        {
            return $"{reference}'s ECM contract starts {contract.Start}, after {day0}";
        }

        if (LocalDate(contract.End) is { } end && day > end)
        {
            return $"{reference}'s ECM contract ended {contract.End}, before {day0}";
        }

        return null;
    }

    public bool IsContractedEcmProvider(string? reference, DateOnly day) => WhyNotContracted(reference, day) is null;

    private DateOnly? LocalDate(string? value) =>
        FhirValues.Instant(value, clock.Zone) is { } instant ? clock.LocalDate(instant) : null;
}
