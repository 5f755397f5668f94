using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// Loads members' <see cref="MemberRecord"/>s through the store's search index: for a batch of Patients, one indexed
/// search per program resource type with the batch's references OR-ed (every page), grouped back by member; then the
/// Organizations the enrollments point to and the history of referral Tasks (ECM-CLR first response). Everything goes
/// through the caller's access filter, so an operation sees exactly what its caller may read.
/// </summary>
public sealed class MemberRecordLoader(IResourceReader reader)
{
    /// <summary>The resource types of a member record and the search parameter that points at the Patient.</summary>
    private static readonly (string Type, string Parameter)[] Compartment =
    [
        ("EpisodeOfCare", "patient"), ("Task", "subject"), ("CarePlan", "subject"), ("CareTeam", "subject"),
        ("Communication", "subject"), ("Encounter", "subject"), ("Consent", "patient"), ("ServiceRequest", "subject"),
    ];

    public async Task<MemberRecord> LoadAsync(string patientId, AccessFilter access, CancellationToken ct)
    {
        var stored = await reader.ReadAsync("Patient", patientId, access, ct).ConfigureAwait(false);
        if (stored is not { IsDeleted: false, Json: { } json })
        {
            throw FhirRequestException.NotFound($"Patient/{patientId} is not known or deleted.");
        }

        return (await LoadAsync([(Patient)FhirSerialization.ParseStored(json)], access, ct).ConfigureAwait(false))[0];
    }

    /// <summary>The records of a batch of members, in the order given.</summary>
    public async Task<IReadOnlyList<MemberRecord>> LoadAsync(IReadOnlyList<Patient> patients, AccessFilter access, CancellationToken ct) =>
        await BuildAsync(await FetchAsync(patients, access, ct).ConfigureAwait(false), access, ct).ConfigureAwait(false);

    /// <summary>
    /// The first half of <see cref="LoadAsync(IReadOnlyList{Patient}, AccessFilter, CancellationToken)"/>: the batch's
    /// stored JSON, one indexed search per resource type, not yet parsed (a panel reads the next batch while the
    /// previous one is parsed and evaluated).
    /// </summary>
    public async Task<FetchedMembers> FetchAsync(IReadOnlyList<Patient> patients, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var references = string.Join(',', patients.Select(p => "Patient/" + p.Id));
        var json = new List<string>();
        foreach (var (type, parameter) in Compartment)
        {
            json.AddRange(await reader.JsonAsync(type, [new(parameter, references)], access, ct).ConfigureAwait(false));
        }

        return new FetchedMembers(patients, json);
    }

    /// <summary>The second half: parses the batch on all cores, groups it by member, adds the enrollments' Organizations and the referral Tasks' histories (one read for the batch).</summary>
    public async Task<IReadOnlyList<MemberRecord>> BuildAsync(FetchedMembers fetched, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        var byMember = StoredSearch.Parse(fetched.Json).ToLookup(r => MemberOf(r) ?? "", StringComparer.Ordinal);
        var organizations = await OrganizationsAsync(byMember.SelectMany(g => g).OfType<EpisodeOfCare>(), access, ct).ConfigureAwait(false);
        var referrals = byMember.SelectMany(g => g).OfType<FhirTask>().Where(t => t.Code.HasCode(ProgramCodes.TaskCodeSystem, ProgramCodes.Referral));
        var histories = await reader.TaskHistoriesAsync(referrals, access, ct).ConfigureAwait(false);
        var records = new List<MemberRecord>(fetched.Patients.Count);
        foreach (var patient in fetched.Patients)
        {
            var resources = byMember["Patient/" + patient.Id].ToList();
            List<T> Of<T>() => [.. resources.OfType<T>()];
            var tasks = Of<FhirTask>();
            var history = tasks.Select(t => t.Id).OfType<string>().Where(histories.ContainsKey).Distinct(StringComparer.Ordinal)
                .ToDictionary(id => id, id => histories[id], StringComparer.Ordinal);
            var episodes = Of<EpisodeOfCare>();
            records.Add(new MemberRecord
            {
                Patient = patient,
                Episodes = episodes,
                Tasks = tasks,
                CarePlans = Of<CarePlan>(),
                CareTeams = Of<CareTeam>(),
                Communications = Of<Communication>(),
                Encounters = Of<Encounter>(),
                Consents = Of<Consent>(),
                ServiceRequests = Of<ServiceRequest>(),
                Organizations = episodes.Select(e => e.ManagingOrganization?.Reference).OfType<string>().Distinct(StringComparer.Ordinal)
                    .Where(organizations.ContainsKey).ToDictionary(r => r, r => organizations[r], StringComparer.Ordinal),
                TaskHistory = history,
            });
        }

        return records;
    }

    /// <summary>The Patient a compartment resource belongs to ("Patient/id"), by the element the search parameter reads.</summary>
    private static string? MemberOf(Resource resource) => resource switch
    {
        EpisodeOfCare e => e.Patient?.Reference,
        FhirTask t => t.For?.Reference,
        CarePlan c => c.Subject?.Reference,
        CareTeam c => c.Subject?.Reference,
        Communication c => c.Subject?.Reference,
        Encounter e => e.Subject?.Reference,
        Consent c => c.Patient?.Reference,
        ServiceRequest s => s.Subject?.Reference,
        _ => null,
    };

    private async Task<Dictionary<string, Organization>> OrganizationsAsync(IEnumerable<EpisodeOfCare> episodes, AccessFilter access, CancellationToken ct)
    {
        var ids = episodes.Select(e => e.ManagingOrganization?.Reference).OfType<string>()
            .Where(r => r.StartsWith("Organization/", StringComparison.Ordinal))
            .Select(r => r["Organization/".Length..]).Distinct(StringComparer.Ordinal).ToList();
        var found = ids.Count == 0 ? [] : await reader.AllAsync("Organization", "_id", string.Join(',', ids), access, ct).ConfigureAwait(false);
        return found.ToDictionary(o => "Organization/" + o.Id, o => (Organization)o, StringComparer.Ordinal);
    }
}

/// <summary>A batch of members' stored JSON, fetched and not yet parsed (see <see cref="MemberRecordLoader.FetchAsync"/>).</summary>
public sealed record FetchedMembers(IReadOnlyList<Patient> Patients, IReadOnlyList<string> Json);
