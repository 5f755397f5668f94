using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-OUT-2X: "ECM Providers must make (2) two outreach attempts within (30) thirty days at different times during the
/// day and on different days of the week." Per ecm enrollment, over the <see cref="OutreachWindow"/>: met by the
/// earliest attempt B for which an earlier attempt A (both on or after the window's first day) differs from it in local
/// weekday AND in time-of-day bucket (early morning before 09:00, daytime, evening from 17:00); completed = B, evidence =
/// A and B. B after the window's end is met-late.
/// </summary>
public sealed class TwoOutreachAttemptsWithin30Days : IDeadlineRule
{
    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmOutreachTwice];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        return [.. record.EnrollmentsIn(CareProgram.EnhancedCareManagement).Select(e => EvaluateEnrollment(record, e, context))];
    }

    /// <summary>ECM-OUT-2X for one ecm enrollment (used by $engagement-status to report the member's standing).</summary>
    public static DeadlineResult EvaluateEnrollment(MemberRecord record, Enrollment enrollment, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(context);
        var program = enrollment.Program;
        var clock = DeadlineContext.ClockFor(program);
        var window = OutreachWindow.Of(record, enrollment, context);
        var attempts = record.AttemptsOf(enrollment)
            .Where(a => clock.OnOrAfterDayOf(a.When, window.Start) && a.When <= context.AsOf)
            .ToList();
        var pair = FirstQualifyingPair(attempts, clock);
        if (pair is null && enrollment.End is { } end && end <= context.AsOf && end < window.Due)
        {
            return DeadlineContext.NotApplicable([CareManagement.RuleIds.EcmOutreachTwice], record.PatientReference, RuleSeverity.Error,
                Text($"Enrollment {enrollment.Reference} ended {clock.Day(end)} before the two-attempt window closed ({clock.Day(window.Due)})."));
        }

        var listed = attempts.Count == 0
            ? "no attempts made"
            : string.Join(", ", attempts.Select(a => Text($"{a.Reference} {clock.Local(a.When).DayOfWeek} {clock.Bucket(a.When).Code()} ({clock.Stamp(a.When)})")));
        var text = "Two attempts on different weekdays at different times of day within 30 days: " + window.Describe(program) + "; attempts: " + listed
            + (pair is { } p
                ? Text($". {p.First.Reference} and {p.Second.Reference} differ in weekday and time of day.")
                : ". No two attempts differ in both weekday and time of day yet.");
        return context.Judge(program, [CareManagement.RuleIds.EcmOutreachTwice], record.PatientReference, window.Start, window.Due, pair?.Second.When,
            [window.StartEvidence], pair is { } q ? [q.First.Reference, q.Second.Reference] : [], RuleSeverity.Error, text);
    }

    /// <summary>The earliest B with an earlier A of a different local weekday and a different time-of-day bucket.</summary>
    public static (OutreachAttempt First, OutreachAttempt Second)? FirstQualifyingPair(IReadOnlyList<OutreachAttempt> attemptsInTimeOrder, ProgramClock clock)
    {
        ArgumentNullException.ThrowIfNull(attemptsInTimeOrder);
        ArgumentNullException.ThrowIfNull(clock);
        for (var b = 1; b < attemptsInTimeOrder.Count; b++)
        {
            var second = attemptsInTimeOrder[b];
            for (var a = 0; a < b; a++)
            {
                var first = attemptsInTimeOrder[a];
                if (clock.LocalWeekday(first.When) != clock.LocalWeekday(second.When) && clock.Bucket(first.When) != clock.Bucket(second.When))
                {
                    return (first, second);
                }
            }
        }

        return null;
    }
}
