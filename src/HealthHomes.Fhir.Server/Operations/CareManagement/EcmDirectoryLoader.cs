using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Ecm;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>What <see cref="EcmProviderAssignment.Assign"/> needs besides the member record: the candidate Organizations and the PCP's PractitionerRoles.</summary>
public sealed record EcmDirectory(IReadOnlyList<Organization> Organizations, IReadOnlyDictionary<string, PractitionerRole> PractitionerRoles);

/// <summary>
/// Loads the ECM provider directory for one assignment through the search index (the caller's access filter applies):
/// every Organization whose type is hh-organization-role ecm-provider, specialty-mental-health-provider or sud-provider,
/// the PractitionerRoles named in Patient.generalPractitioner, and by id the other Organizations the assignment looks
/// at (the stated preference, the configured default, the PCP's organizations, the enrollments' managing
/// organizations), so that a step that does not choose says why (e.g. "not an ECM Provider") rather than "not in the
/// directory".
/// </summary>
public static class EcmDirectoryLoader
{
    private static readonly string[] DirectoryRoles =
    [
        OrganizationRoleCodes.EcmProvider, OrganizationRoleCodes.SpecialtyMentalHealthProvider, OrganizationRoleCodes.SudProvider,
    ];

    public static async Task<EcmDirectory> LoadAsync(IResourceReader reader, MemberRecord record, IEnumerable<string?> alsoNamed, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(alsoNamed);
        var types = string.Join(',', DirectoryRoles.Select(r => ProgramCodes.OrganizationRoleSystem + "|" + r));
        var organizations = (await reader.AllAsync("Organization", "type", types, access, ct).ConfigureAwait(false))
            .OfType<Organization>().ToDictionary(o => o.Id!, StringComparer.Ordinal);

        var roleIds = IdsOf("PractitionerRole", record.Patient.GeneralPractitioner.Select(r => r.Reference));
        var roles = roleIds.Count == 0 ? []
            : (await reader.AllAsync("PractitionerRole", "_id", string.Join(',', roleIds), access, ct).ConfigureAwait(false)).OfType<PractitionerRole>().ToList();

        var named = alsoNamed
            .Concat(record.Patient.GeneralPractitioner.Select(r => r.Reference))
            .Concat(roles.Select(r => r.Organization?.Reference))
            .Concat(record.Episodes.Select(e => e.ManagingOrganization?.Reference));
        var missing = IdsOf("Organization", named).Where(id => !organizations.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var organization in (await reader.AllAsync("Organization", "_id", string.Join(',', missing), access, ct).ConfigureAwait(false)).OfType<Organization>())
            {
                organizations[organization.Id!] = organization;
            }
        }

        return new EcmDirectory(
            [.. organizations.Values.OrderBy(o => o.Id, StringComparer.Ordinal)],
            roles.ToDictionary(r => "PractitionerRole/" + r.Id, StringComparer.Ordinal));
    }

    /// <summary>The ids of the references to <paramref name="type"/> ("Type/id" or an absolute url ending in it), each once.</summary>
    private static List<string> IdsOf(string type, IEnumerable<string?> references)
    {
        var ids = new List<string>();
        foreach (var reference in references.OfType<string>())
        {
            var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.LastIndexOf(parts, type);
            if (at >= 0 && at + 1 < parts.Length && Rest.FhirIds.IsValidId(parts[at + 1]) && !ids.Contains(parts[at + 1]))
            {
                ids.Add(parts[at + 1]);
            }
        }

        return ids;
    }
}
