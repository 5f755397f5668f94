using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-PRIOR-90: "KHS will also identify any new ECM Members previously enrolled in another plan through the presence of
/// ECM service HCPCS codes within the prior 90 days. The presence of such historical utilization data received by KHS via
/// Plan Data Feed will initiate both the standard assignment and outreach and engagement processes for Members within 30
/// days of KHS notification." Each Task with code hh-task-code#prior-ecm-notification: start = authoredOn; due 30
/// calendar days; met at the later of the assignment (an ecm enrollment with a managingOrganization whose period.start is
/// on or after the notification day) and the first outreach attempt of that enrollment made on or after the notification day.
/// </summary>
public sealed class PriorEcmMemberWithin30Days : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.CalendarDays(30);

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmPrior90];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        List<DeadlineResult> results = [];
        foreach (var notification in record.TasksWithCode(ProgramCodes.PriorEcmNotification).Where(t => record.IsForProgram(t, program)))
        {
            if (At(notification.AuthoredOn, program) is not { } notified)
            {
                continue;
            }

            var due = Limit.DueFrom(notified, program, context);
            var assignment = record.EnrollmentsIn(program)
                .FirstOrDefault(e => e.ManagingOrganization is not null && clock.OnOrAfterDayOf(e.Start, notified) && e.Start <= context.AsOf);
            var attempt = assignment is null ? null : record.AttemptsOf(assignment).FirstOrDefault(a => clock.OnOrAfterDayOf(a.When, notified));
            DateTimeOffset? completed = assignment is not null && attempt is not null
                ? (attempt.When > assignment.Start ? attempt.When : assignment.Start)
                : null;
            var text = Text($"Prior-plan ECM notification {notification.ReferenceTo()} received {clock.Stamp(notified)}; assignment and outreach due by {clock.Day(due)} (30 calendar days)")
                + (assignment is null ? "; no ECM Provider assignment on or after it yet" : Text($"; assigned {clock.Day(assignment.Start)} ({assignment.Reference})"))
                + (attempt is null ? (assignment is null ? "" : "; no outreach attempt yet") : Text($"; first attempt {clock.Day(attempt.When)} ({attempt.Reference})"))
                + ".";
            results.Add(context.Judge(program, RuleIds, record.PatientReference, notified, due, completed,
                [notification.ReferenceTo()], completed is null ? [] : [assignment!.Reference, attempt!.Reference], RuleSeverity.Error, text));
        }

        return results;
    }
}
