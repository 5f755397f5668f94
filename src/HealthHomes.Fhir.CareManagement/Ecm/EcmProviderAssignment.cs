using System.Globalization;
using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Ecm;

/// <summary>
/// ECM-ASSIGN-10BD (KHS policy D.1-D.6): assigns an ECM-authorized member to an ECM Provider. The steps are tried in
/// order and the first that finds a <em>contracted ECM Provider</em> (see <see cref="EcmProviderDirectory"/>) as of the
/// assignment date wins:
/// <list type="number">
/// <item><c>member-preference</c>: the preference stated with the operation (an Organization reference) (D.4, D.5 "unless the member has expressed a different preference").</item>
/// <item><c>pcp-is-ecm-provider</c>: the member's PCP (Patient.generalPractitioner, in order: an Organization, or a PractitionerRole's organization) (D.4).</item>
/// <item><c>specialty-mh-sud-provider</c>: an Organization with hh-organization-role specialty-mental-health-provider or sud-provider that serves the member: a participant (member or onBehalfOf) of one of the member's CareTeams that is not inactive/entered-in-error, or the serviceProvider of a finished Encounter that ended (else started) in the 12 months up to the assignment instant (D.5). Several: CareTeam participants first, then the most recent Encounter, then by reference.</item>
/// <item><c>plan-default</c>: <see cref="CareManagementSettings.DefaultEcmProvider"/>, which must itself be contracted.</item>
/// </list>
/// Decisions:
/// <list type="bullet">
/// <item>The assignment date is the local date of <c>asOf</c> in America/Los_Angeles; contracts and the authorization are tested on that date.</item>
/// <item>The enrollment is the member's open ECM EpisodeOfCare whose hh-authorization-period covers the assignment date (the latest-starting one when several); none open: <c>no-ecm-enrollment</c>, none authorized: <c>no-active-authorization</c> (422).</item>
/// <item>An enrollment whose managingOrganization is already an ECM Provider in the directory is not reassigned (409 <c>already-assigned</c>): a change of provider is ECM-CHANGE-30D. A placeholder managingOrganization (e.g. the plan) is replaced.</item>
/// <item>The EpisodeOfCare returned is a copy: managingOrganization = the chosen provider; period.start = the assignment date (a FHIR date) when it had none, kept when it had one (the enrollment started earlier; the assignment date is then on the CareTeam.period.start); status unchanged.</item>
/// <item>The PCP notification goes to the first generalPractitioner reference as written (Organization, PractitionerRole or Practitioner). No PCP: none, and <see cref="AssignmentDecision.PcpNotificationExplanation"/> says so. PCP organization = the chosen ECM Provider: none either (D.3 "if different from the ECM Provider").</item>
/// </list>
/// Resources: the EpisodeOfCare keeps its id (update). The CareTeam and Communications have no id (creates) and point to
/// the enrollment by the hh-enrollment extension (and Communication.about); EpisodeOfCare.team is not set, since the
/// CareTeam has no id yet: the server may add it once the CareTeam's id is assigned. Communications are status
/// <c>preparation</c> without <c>sent</c>: ECM-PCP-10BD and ECM-NOTIFY-WEEKLY count only completed, sent ones.
/// </summary>
public static class EcmProviderAssignment
{
    private static readonly ProgramClock Clock = ProgramClock.For(CareProgram.EnhancedCareManagement);

    public static AssignmentResult Assign(
        MemberRecord record,
        IEnumerable<Organization> directory,
        IReadOnlyDictionary<string, PractitionerRole> practitionerRoles,
        string? statedPreference,
        CareManagementSettings settings,
        DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(practitionerRoles);
        ArgumentNullException.ThrowIfNull(settings);

        var providers = new EcmProviderDirectory(directory);
        var day = Clock.LocalDate(asOf);
        var steps = new List<AssignmentStep>();

        var ecmEpisodes = record.Episodes.Where(IsOpenEcmEpisode).ToList();
        if (ecmEpisodes.Count == 0)
        {
            return Fail(422, AssignmentFailureCodes.NoEcmEnrollment,
                $"{record.PatientReference} has no open ECM enrollment (EpisodeOfCare type hh-program#ecm); assign only authorized members ({RuleIds.EcmAssign10BusinessDays}).", steps);
        }

        var episode = ecmEpisodes
            .Select(e => (Episode: e, Authorization: AuthorizationStart(e, day)))
            .Where(x => x.Authorization is not null)
            .OrderByDescending(x => x.Authorization)
            .Select(x => x.Episode)
            .FirstOrDefault();
        if (episode is null)
        {
            return Fail(422, AssignmentFailureCodes.NoActiveAuthorization,
                $"{record.PatientReference}'s ECM enrollment has no hh-authorization-period covering {Format(day)} ({RuleIds.EcmAssign10BusinessDays}).", steps);
        }

        if (episode.ManagingOrganization?.Reference is { } current
            && providers.Find(current) is { } currentOrg
            && EcmProviderDirectory.HasRole(currentOrg, OrganizationRoleCodes.EcmProvider))
        {
            return Fail(409, AssignmentFailureCodes.AlreadyAssigned,
                $"EpisodeOfCare/{episode.Id} is already managed by ECM Provider {current}; a change of ECM Provider follows {RuleIds.EcmChange30Days}.", steps);
        }

        var pcp = record.Patient.GeneralPractitioner.FirstOrDefault(r => !string.IsNullOrEmpty(r.Reference))?.Reference;
        var pcpOrganizations = PcpOrganizations(record.Patient, practitionerRoles);

        string? chosen = null;
        string? chosenStep = null;

        // 1. member preference
        if (string.IsNullOrWhiteSpace(statedPreference))
        {
            steps.Add(new(AssignmentStepCodes.MemberPreference, false, null, "No preference stated."));
        }
        else if (providers.WhyNotContracted(statedPreference, day) is { } why)
        {
            steps.Add(new(AssignmentStepCodes.MemberPreference, false, statedPreference, $"Preference not eligible: {why}."));
        }
        else
        {
            chosen = EcmProviderDirectory.Normalize(statedPreference);
            chosenStep = AssignmentStepCodes.MemberPreference;
            steps.Add(new(chosenStep, true, chosen, $"The member's stated preference {chosen} is a contracted ECM Provider on {Format(day)}."));
        }

        // 2. PCP
        if (chosen is null)
        {
            (chosen, chosenStep) = TryCandidates(steps, AssignmentStepCodes.PcpIsEcmProvider, pcpOrganizations, providers, day,
                none: pcp is null ? "No PCP on record (Patient.generalPractitioner)." : $"The PCP {pcp} has no Organization on record (a Practitioner, or a PractitionerRole not passed in or without organization).",
                chosenText: c => $"The member's PCP organization {c} is a contracted ECM Provider on {Format(day)}.",
                notText: (c, why) => $"PCP organization {c} not eligible: {why}.");
        }
        else
        {
            steps.Add(new(AssignmentStepCodes.PcpIsEcmProvider, false, null, "Not tried: an earlier step chose."));
        }

        // 3. specialty mental health / SUD provider serving the member
        if (chosen is null)
        {
            var serving = ServingBehavioralHealthProviders(record, providers, asOf);
            (chosen, chosenStep) = TryCandidates(steps, AssignmentStepCodes.SpecialtyMhSudProvider, serving, providers, day,
                none: "No specialty mental health or SUD provider (hh-organization-role specialty-mental-health-provider / sud-provider) serves the member (CareTeam participant, or finished Encounter in the last 12 months).",
                chosenText: c => $"{c}, a specialty mental health / SUD provider serving the member, is a contracted ECM Provider on {Format(day)}.",
                notText: (c, why) => $"Serving specialty mental health / SUD provider {c} not eligible: {why}.");
        }
        else
        {
            steps.Add(new(AssignmentStepCodes.SpecialtyMhSudProvider, false, null, "Not tried: an earlier step chose."));
        }

        // 4. plan default
        if (chosen is null)
        {
            var fallback = settings.DefaultEcmProvider;
            if (string.IsNullOrWhiteSpace(fallback))
            {
                steps.Add(new(AssignmentStepCodes.PlanDefault, false, null, "No default ECM Provider configured (CareManagement:DefaultEcmProvider)."));
            }
            else if (providers.WhyNotContracted(fallback, day) is { } why)
            {
                steps.Add(new(AssignmentStepCodes.PlanDefault, false, fallback, $"Configured default not eligible: {why}."));
            }
            else
            {
                chosen = EcmProviderDirectory.Normalize(fallback);
                chosenStep = AssignmentStepCodes.PlanDefault;
                steps.Add(new(chosenStep, true, chosen, $"No earlier step applied; the plan's default ECM Provider {chosen} is contracted on {Format(day)}."));
            }
        }
        else
        {
            steps.Add(new(AssignmentStepCodes.PlanDefault, false, null, "Not tried: an earlier step chose."));
        }

        if (chosen is null || chosenStep is null)
        {
            return Fail(422, AssignmentFailureCodes.NoEligibleProvider,
                $"No contracted ECM Provider found for {record.PatientReference} on {Format(day)} ({RuleIds.EcmAssign10BusinessDays}).", steps);
        }

        var enrollment = AssignmentRecords.UpdatedEpisode(episode, chosen, day);
        var enrollmentReference = "EpisodeOfCare/" + episode.Id;
        var careTeam = AssignmentRecords.LeadCareManagerTeam(record, enrollmentReference, chosen, day);
        var plan = (episode.ExtensionValue(ProgramCodes.ResponsiblePlanExtension) as ResourceReference)?.Reference;
        var providerNotice = AssignmentRecords.Notification(record, enrollmentReference, plan, ProgramCodes.ProviderAssignmentNotification, chosen,
            $"New ECM assignment: {record.PatientReference} assigned to {chosen} on {Format(day)} ({RuleIds.EcmNotifyWeekly}).");

        Communication? pcpNotice = null;
        string pcpExplanation;
        if (pcp is null)
        {
            pcpExplanation = $"No PCP on record (Patient.generalPractitioner): no PCP notification ({RuleIds.EcmPcp10BusinessDays} cannot be met until a PCP is recorded).";
        }
        else if (pcpOrganizations.Contains(chosen))
        {
            pcpExplanation = $"The PCP ({pcp}) belongs to the chosen ECM Provider {chosen}: no separate PCP notification (KHS policy D.3, 'if different from the ECM Provider').";
        }
        else
        {
            pcpNotice = AssignmentRecords.Notification(record, enrollmentReference, plan, ProgramCodes.PcpAssignmentNotification, pcp,
                $"Your patient {record.PatientReference} has been assigned to ECM Provider {chosen} on {Format(day)} ({RuleIds.EcmPcp10BusinessDays}).");
            pcpExplanation = $"PCP notification to {pcp} prepared (status preparation; {RuleIds.EcmPcp10BusinessDays} is met when it is sent).";
        }

        return new AssignmentResult(
            new AssignmentDecision(chosen, chosenStep, steps, day, enrollment, careTeam, providerNotice, pcpNotice, pcp, pcpExplanation),
            null);
    }

    private static AssignmentResult Fail(int status, string code, string message, List<AssignmentStep> steps) =>
        new(null, new AssignmentFailure(status, code, message, steps));

    private static (string? Chosen, string? Step) TryCandidates(
        List<AssignmentStep> steps,
        string step,
        IReadOnlyList<string> candidates,
        EcmProviderDirectory providers,
        DateOnly day,
        string none,
        Func<string, string> chosenText,
        Func<string, string, string> notText)
    {
        if (candidates.Count == 0)
        {
            steps.Add(new(step, false, null, none));
            return (null, null);
        }

        var reasons = new List<string>();
        foreach (var candidate in candidates)
        {
            if (providers.WhyNotContracted(candidate, day) is { } why)
            {
                reasons.Add(notText(candidate, why));
                continue;
            }

            steps.Add(new(step, true, candidate, string.Join(" ", reasons.Append(chosenText(candidate)))));
            return (candidate, step);
        }

        steps.Add(new(step, false, candidates[0], string.Join(" ", reasons)));
        return (null, null);
    }

    private static bool IsOpenEcmEpisode(EpisodeOfCare episode) =>
        episode.Type.HasCode(ProgramCodes.ProgramSystem, ProgramCodes.EnhancedCareManagement)
        && episode.Status is not (EpisodeOfCare.EpisodeOfCareStatus.Finished or EpisodeOfCare.EpisodeOfCareStatus.Cancelled or EpisodeOfCare.EpisodeOfCareStatus.EnteredInError);

    /// <summary>The authorization start when the hh-authorization-period covers <paramref name="day"/> (inclusive local dates), else null.</summary>
    private static DateOnly? AuthorizationStart(EpisodeOfCare episode, DateOnly day)
    {
        if (episode.ExtensionValue(ProgramCodes.AuthorizationPeriodExtension) is not Period authorization
            || LocalDate(authorization.Start) is not { } start
            || start > day)
        {
            return null;
        }

        return LocalDate(authorization.End) is { } end && end < day ? null : start;
    }

    private static DateOnly? LocalDate(string? value) =>
        FhirValues.Instant(value, Clock.Zone) is { } instant ? Clock.LocalDate(instant) : null;

    /// <summary>The PCP's organizations, in generalPractitioner order: Organization references, and PractitionerRoles' organizations.</summary>
    private static List<string> PcpOrganizations(Patient patient, IReadOnlyDictionary<string, PractitionerRole> roles)
    {
        var result = new List<string>();
        foreach (var reference in patient.GeneralPractitioner.Select(r => r.Reference).Where(r => !string.IsNullOrEmpty(r)))
        {
            var organization = EcmProviderDirectory.Normalize(reference)
                ?? (FindRole(roles, reference!) is { } role ? EcmProviderDirectory.Normalize(role.Organization?.Reference) : null);
            if (organization is not null && !result.Contains(organization))
            {
                result.Add(organization);
            }
        }

        return result;
    }

    private static PractitionerRole? FindRole(IReadOnlyDictionary<string, PractitionerRole> roles, string reference)
    {
        if (roles.TryGetValue(reference, out var role))
        {
            return role;
        }

        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.LastIndexOf(parts, "PractitionerRole");
        return at >= 0 && at + 1 < parts.Length && roles.TryGetValue("PractitionerRole/" + parts[at + 1], out role) ? role : null;
    }

    /// <summary>Specialty MH / SUD Organizations serving the member: CareTeam participants first, then Encounter service providers, most recent first.</summary>
    private static List<string> ServingBehavioralHealthProviders(MemberRecord record, EcmProviderDirectory providers, DateTimeOffset asOf)
    {
        bool IsBehavioralHealth(string? reference) =>
            providers.Find(reference) is { } organization
            && (EcmProviderDirectory.HasRole(organization, OrganizationRoleCodes.SpecialtyMentalHealthProvider)
                || EcmProviderDirectory.HasRole(organization, OrganizationRoleCodes.SudProvider));

        var fromTeams = record.CareTeams
            .Where(t => t.Status is not (CareTeam.CareTeamStatus.Inactive or CareTeam.CareTeamStatus.EnteredInError))
            .SelectMany(t => t.Participant)
            .SelectMany(p => new[] { p.OnBehalfOf?.Reference, p.Member?.Reference })
            .Select(EcmProviderDirectory.Normalize)
            .OfType<string>()
            .Where(IsBehavioralHealth)
            .Distinct()
            .OrderBy(r => r, StringComparer.Ordinal);

        var since = asOf.AddMonths(-12);
        var fromEncounters = record.Encounters
            .Where(e => e.Status == Encounter.EncounterStatus.Finished)
            .Select(e => (Provider: EcmProviderDirectory.Normalize(e.ServiceProvider?.Reference),
                When: FhirValues.Instant(e.Period?.End, Clock.Zone) ?? FhirValues.Instant(e.Period?.Start, Clock.Zone)))
            .Where(x => x.Provider is not null && x.When is { } when && when >= since && when <= asOf && IsBehavioralHealth(x.Provider))
            .OrderByDescending(x => x.When)
            .ThenBy(x => x.Provider, StringComparer.Ordinal)
            .Select(x => x.Provider!);

        return [.. fromTeams.Concat(fromEncounters).Distinct()];
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
