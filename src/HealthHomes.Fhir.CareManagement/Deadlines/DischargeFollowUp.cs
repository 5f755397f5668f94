using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// KS-DC-7 and KS-DC-30 share their reading: each Encounter of the member with class v3-ActCode IMP, ACUTE or NONAC
/// whose period.end (the discharge) falls in a ks-hh enrollment; met by the earliest completed follow-up contact on or
/// after the discharge's local date (the discharge day counts, docs/domain/health-homes.md#ks-dc-7): another finished,
/// non-inpatient Encounter starting then or later, a completed outreach attempt with member contact, or a completed
/// Communication to the Patient sent then or later. One contact can satisfy both windows.
/// </summary>
public abstract class DischargeFollowUp(string ruleId, int days) : IDeadlineRule
{
    public DeadlineLimit Limit { get; } = DeadlineLimit.CalendarDays(days);

    public IReadOnlyList<string> RuleIds { get; } = [ruleId];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.KsHealthHomes;
        var clock = DeadlineContext.ClockFor(program);
        var enrollments = record.EnrollmentsIn(program).ToList();
        List<DeadlineResult> results = [];
        foreach (var stay in record.Encounters.Where(IsInpatient))
        {
            if (At(stay.Period?.End, program) is not { } discharge || discharge > context.AsOf
                || !enrollments.Any(e => discharge >= e.Start && (e.End is not { } end || discharge <= end)))
            {
                continue;
            }

            var followUp = FollowUps(record, stay, discharge, clock).OrderBy(f => f.When).FirstOrDefault();
            var due = Limit.DueFrom(discharge, program, context);
            var explanation = followUp.Reference is null
                ? Text($"Discharged {clock.Stamp(discharge)} ({stay.ReferenceTo()}); follow-up due by {clock.Day(due)} ({Limit}); no follow-up contact on record on or after the discharge day.")
                : Text($"Discharged {clock.Stamp(discharge)} ({stay.ReferenceTo()}); follow-up due by {clock.Day(due)} ({Limit}); first follow-up {followUp.What} {followUp.Reference} on {clock.Day(followUp.When)}, day {ProgramClock.DaysBetween(clock.LocalDate(discharge), clock.LocalDate(followUp.When))}.");
            results.Add(context.Judge(
                program,
                RuleIds,
                record.PatientReference,
                discharge,
                due,
                followUp.Reference is null ? null : followUp.When,
                [stay.ReferenceTo()],
                followUp.Reference is null ? [] : [followUp.Reference],
                RuleSeverity.Error,
                explanation));
        }

        return results;
    }

    internal static bool IsInpatient(Encounter encounter) =>
        encounter.Class?.System == DeadlineCodes.ActCodeSystem && DeadlineCodes.InpatientClasses.Contains(encounter.Class.Code);

    private static IEnumerable<(string? Reference, DateTimeOffset When, string What)> FollowUps(
        MemberRecord record, Encounter stay, DateTimeOffset discharge, ProgramClock clock)
    {
        var program = CareProgram.KsHealthHomes;
        foreach (var visit in record.Encounters)
        {
            if (visit != stay && !IsInpatient(visit) && visit.Status == Encounter.EncounterStatus.Finished
                && At(visit.Period?.Start, program) is { } when && clock.OnOrAfterDayOf(when, discharge))
            {
                yield return (visit.ReferenceTo(), when, "visit");
            }
        }

        foreach (var attempt in record.Tasks.Select(t => OutreachAttempt.From(t, program.TimeZone)).OfType<OutreachAttempt>())
        {
            if (attempt.WasMade && attempt.MadeMemberContact && clock.OnOrAfterDayOf(attempt.When, discharge))
            {
                yield return (attempt.Reference, attempt.When, "contact (outreach attempt)");
            }
        }

        foreach (var message in record.Communications)
        {
            if (message.Recipient.Any(r => r.RefersTo("Patient", record.Patient.Id))
                && SentAt(message, program) is { } sent && clock.OnOrAfterDayOf(sent, discharge))
            {
                yield return (message.ReferenceTo(), sent, "communication");
            }
        }
    }
}
