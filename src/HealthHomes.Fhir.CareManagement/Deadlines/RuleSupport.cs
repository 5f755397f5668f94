using System.Globalization;
using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>Codes the deadline rules read that the shared code lists do not carry yet.</summary>
public static class DeadlineCodes
{
    /// <summary>HL7 v3 ActCode: Encounter.class of an inpatient stay (KS-DC-7/30).</summary>
    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>Encounter classes that are an acute care or psychiatric inpatient stay (KS-DC-7/30).</summary>
    public static readonly IReadOnlyList<string> InpatientClasses = ["IMP", "ACUTE", "NONAC"];

    /// <summary>Organization.type (hh-organization-role) of a Health Home Partner.</summary>
    public const string HealthHomePartner = "health-home-partner";

    /// <summary>hh-hit-attestation sub-extensions and hh-hit-milestone codes (KS-HHP-EHR-PLAN / -EHR / -HIE).</summary>
    public const string MilestoneSubExtension = "milestone";
    public const string DateSubExtension = "date";
    public const string EhrPlan = "ehr-plan";
    public const string EhrInUse = "ehr-in-use";
    public const string HieConnected = "hie-connected";
}

/// <summary>Reading and wording shared by the deadline rules.</summary>
internal static class RuleSupport
{
    public static IEnumerable<Enrollment> EnrollmentsIn(this MemberRecord record, CareProgram program) =>
        record.Enrollments().Where(e => e.Program == program);

    public static IEnumerable<FhirTask> TasksWithCode(this MemberRecord record, string code) =>
        record.Tasks.Where(t => t.Code.HasCode(ProgramCodes.TaskCodeSystem, code));

    /// <summary>Does a Task (eligibility review, referral...) concern ECM: it names no enrollment or an ECM one.</summary>
    public static bool IsForProgram(this MemberRecord record, DomainResource resource, CareProgram program) =>
        resource.EnrollmentId() is not { } id
        || record.Enrollments().FirstOrDefault(e => e.Id == id) is not { } enrollment
        || enrollment.Program == program;

    /// <summary>A FHIR dateTime as an instant, dates read in the program's zone.</summary>
    public static DateTimeOffset? At(string? value, CareProgram program) => FhirValues.Instant(value, program.TimeZone);

    /// <summary>Is <paramref name="instant"/> on or after the local day of <paramref name="start"/> (day 0 counts).</summary>
    public static bool OnOrAfterDayOf(this ProgramClock clock, DateTimeOffset instant, DateTimeOffset start) =>
        clock.LocalDate(instant) >= clock.LocalDate(start);

    /// <summary>A completed, sent Communication's sent instant (null when not completed or not sent).</summary>
    public static DateTimeOffset? SentAt(Communication communication, CareProgram program) =>
        communication.Status == EventStatus.Completed ? At(communication.Sent, program) : null;

    /// <summary>The enrollment's completed, sent Communications of an hh-notification-type, earliest first, sent on or after day 0 of <paramref name="notBefore"/>.</summary>
    public static IReadOnlyList<(Communication Communication, DateTimeOffset Sent)> Notifications(
        this MemberRecord record, Enrollment enrollment, string notificationType, DateTimeOffset? notBefore = null)
    {
        var clock = ProgramClock.For(enrollment.Program);
        return [.. record.Communications
            .Where(c => c.Category.HasCode(ProgramCodes.NotificationTypeSystem, notificationType) && record.BelongsTo(c, enrollment))
            .Select(c => (Communication: c, Sent: SentAt(c, enrollment.Program)))
            .Where(x => x.Sent is { } sent && (notBefore is not { } from || clock.OnOrAfterDayOf(sent, from)))
            .Select(x => (x.Communication, x.Sent!.Value))
            .OrderBy(x => x.Item2)];
    }

    /// <summary>Does <paramref name="reference"/> point at <paramref name="type"/>/<paramref name="id"/> (relative, absolute or versioned).</summary>
    public static bool RefersTo(this ResourceReference? reference, string type, string? id)
    {
        if (reference?.Reference is not { } value || string.IsNullOrEmpty(id))
        {
            return false;
        }

        var history = value.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            value = value[..history];
        }

        var target = type + "/" + id;
        return value == target || value.EndsWith("/" + target, StringComparison.Ordinal);
    }

    public static string Day(this ProgramClock clock, DateTimeOffset instant) =>
        clock.LocalDate(instant).ToString("yyyy-MM-dd (ddd)", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd (ddd)", CultureInfo.InvariantCulture);

    public static string Stamp(this ProgramClock clock, DateTimeOffset instant) =>
        clock.Local(instant).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    public static string Text(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A result for a rule without a time limit (ECM-OUT-INFORM, ECM-LCM): met or missed, no due instant.</summary>
    public static DeadlineResult Unlimited(
        CareProgram program,
        string rule,
        string subject,
        bool met,
        DateTimeOffset? start,
        DateTimeOffset? completed,
        IReadOnlyList<string> startEvidence,
        IReadOnlyList<string> endEvidence,
        string explanation)
    {
        var clock = ProgramClock.For(program);
        return new DeadlineResult(
            [rule],
            subject,
            met ? ComplianceState.Met : ComplianceState.Missed,
            start is { } s ? clock.Local(s) : null,
            null,
            completed is { } c ? clock.Local(c) : null,
            startEvidence,
            endEvidence,
            RuleSeverity.Error,
            null,
            explanation);
    }
}
