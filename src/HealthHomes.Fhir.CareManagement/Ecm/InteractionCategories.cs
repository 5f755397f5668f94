using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Ecm;

/// <summary>The ECM interaction categories (ecm-interaction-category, KHS policy E.6.d.i).</summary>
public static class InteractionCategoryCodes
{
    public const string InPerson = "ecm-in-person";
    public const string PhoneTelehealth = "ecm-phone-telehealth";
    public const string OutreachInPerson = "ecm-outreach-in-person";
    public const string OutreachTelephonicElectronic = "ecm-outreach-telephonic-electronic";

    public static IReadOnlyList<string> All { get; } = [InPerson, PhoneTelehealth, OutreachInPerson, OutreachTelephonicElectronic];
}

/// <summary>One category's count and the records counted ("Task/id", "Communication/id", "Encounter/id").</summary>
public sealed record InteractionCount(string Category, int Count, IReadOnlyList<string> Evidence);

/// <summary>A member's ECM interactions in a reporting period [<paramref name="PeriodStart"/>, <paramref name="PeriodEnd"/>) of local dates, one entry per category (all four, zeros included).</summary>
public sealed record MemberInteractions(string Member, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<InteractionCount> Categories)
{
    public int CountOf(string category) => Categories.FirstOrDefault(c => c.Category == category)?.Count ?? 0;

    public IReadOnlyList<string> EvidenceOf(string category) => Categories.FirstOrDefault(c => c.Category == category)?.Evidence ?? [];
}

/// <summary>
/// Counts a member's ECM interactions per reporting category (KHS policy E.6.d.i; code list ecm-interaction-category,
/// docs/domain/ecm.md#interaction-categories) for a period [start, end) of local dates in America/Los_Angeles:
/// <list type="bullet">
/// <item>Outreach attempts: Tasks outreach-attempt with status completed, dated by executionPeriod.start. Category: input
/// interaction-category when present; else by modality, in-person-* to ecm-outreach-in-person and any other (or none) to
/// ecm-outreach-telephonic-electronic.</item>
/// <item>Communications: status completed, dated by <c>sent</c>, with a Communication.category in ecm-interaction-category
/// (others, e.g. notifications, are not interactions). One <c>partOf</c> an outreach attempt Task of the record is the
/// attempt's message and is not counted again (even when the attempt falls outside the period or is not completed).</item>
/// <item>Encounters: status finished, dated by period.start (else end); class AMB/HH/FLD to ecm-in-person, VR to
/// ecm-phone-telehealth, other classes not counted; only during an ECM enrollment (date within its period) and of it:
/// the Encounter's hh-enrollment names the enrollment, or its serviceProvider is the enrollment's managingOrganization
/// (a PCP or hospital visit is not an ECM interaction).</item>
/// </list>
/// Tasks and Communications count when they belong to the member's ECM enrollment (hh-enrollment naming an ECM
/// EpisodeOfCare, or no hh-enrollment while the member has one): a KS-HH attempt is not an ECM interaction.
/// </summary>
public static class InteractionCategories
{
    private static readonly ProgramClock Clock = ProgramClock.For(CareProgram.EnhancedCareManagement);

    public static MemberInteractions Count(MemberRecord record, DateOnly periodStart, DateOnly periodEnd)
    {
        ArgumentNullException.ThrowIfNull(record);
        var evidence = InteractionCategoryCodes.All.ToDictionary(c => c, _ => new List<string>(), StringComparer.Ordinal);
        var ecmEpisodeIds = record.Episodes
            .Where(e => e.Type.HasCode(ProgramCodes.ProgramSystem, ProgramCodes.EnhancedCareManagement) && !string.IsNullOrEmpty(e.Id))
            .Select(e => e.Id)
            .ToHashSet(StringComparer.Ordinal);

        bool IsEcm(DomainResource resource) =>
            resource.EnrollmentId() is { } id ? ecmEpisodeIds.Contains(id) : ecmEpisodeIds.Count > 0;

        bool InPeriod(DateTimeOffset? when) =>
            when is { } instant && Clock.LocalDate(instant) is var day && day >= periodStart && day < periodEnd;

        var attemptIds = record.Tasks
            .Where(t => t.Code.HasCode(ProgramCodes.TaskCodeSystem, ProgramCodes.OutreachAttempt) && !string.IsNullOrEmpty(t.Id))
            .Select(t => "Task/" + t.Id)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var task in record.Tasks.Where(IsEcm))
        {
            if (OutreachAttempt.From(task, Clock.Zone) is { WasMade: true } attempt && InPeriod(attempt.When))
            {
                evidence[CategoryOf(attempt)].Add(attempt.Reference);
            }
        }

        foreach (var communication in record.Communications.Where(IsEcm))
        {
            if (communication.Status != EventStatus.Completed
                || !InPeriod(FhirValues.Instant(communication.Sent, Clock.Zone))
                || communication.PartOf.Any(p => p.Reference is { } r && attemptIds.Contains(r)))
            {
                continue;
            }

            var category = communication.Category
                .Select(c => c.CodeIn(ProgramCodes.InteractionCategorySystem))
                .FirstOrDefault(c => c is not null && evidence.ContainsKey(c));
            if (category is not null)
            {
                evidence[category].Add("Communication/" + communication.Id);
            }
        }

        var ecmEnrollments = record.Enrollments().Where(e => e.Program.IsEcm).ToList();
        foreach (var encounter in record.Encounters.Where(e => e.Status == Encounter.EncounterStatus.Finished))
        {
            var when = FhirValues.Instant(encounter.Period?.Start, Clock.Zone) ?? FhirValues.Instant(encounter.Period?.End, Clock.Zone);
            var category = encounter.Class?.Code switch
            {
                "AMB" or "HH" or "FLD" => InteractionCategoryCodes.InPerson,
                "VR" => InteractionCategoryCodes.PhoneTelehealth,
                _ => null,
            };
            if (category is null || when is not { } instant || !InPeriod(instant)
                || !ecmEnrollments.Any(e => DuringAndOf(encounter, e, instant)))
            {
                continue;
            }

            evidence[category].Add("Encounter/" + encounter.Id);
        }

        return new MemberInteractions(
            record.PatientReference,
            periodStart,
            periodEnd,
            [.. InteractionCategoryCodes.All.Select(c => new InteractionCount(c, evidence[c].Count, evidence[c]))]);
    }

    /// <summary>An attempt's category: its interaction-category input, else in-person-* modalities in person, others telephonic/electronic.</summary>
    public static string CategoryOf(OutreachAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.InteractionCategory is { } explicitCategory && InteractionCategoryCodes.All.Contains(explicitCategory))
        {
            return explicitCategory;
        }

        return attempt.Modality is { } modality && modality.StartsWith("in-person", StringComparison.Ordinal)
            ? InteractionCategoryCodes.OutreachInPerson
            : InteractionCategoryCodes.OutreachTelephonicElectronic;
    }

    private static bool DuringAndOf(Encounter encounter, Enrollment enrollment, DateTimeOffset when)
    {
        var day = Clock.LocalDate(when);
        if (day < Clock.LocalDate(enrollment.Start) || (enrollment.End is { } end && day > Clock.LocalDate(end)))
        {
            return false;
        }

        return encounter.EnrollmentId() is { } id
            ? id == enrollment.Id
            : enrollment.ManagingOrganization is { } organization
              && EcmProviderDirectory.Normalize(encounter.ServiceProvider?.Reference) == EcmProviderDirectory.Normalize(organization);
    }
}
