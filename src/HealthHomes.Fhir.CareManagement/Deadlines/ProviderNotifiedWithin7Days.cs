using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-NOTIFY-WEEKLY: "Each ECM Provider will be notified of all new assignments weekly through secure data exchange."
/// Per ecm enrollment assigned to an ECM Provider (managingOrganization): start = the assignment (period.start); due 7
/// calendar days; met by the earliest completed, sent Communication of the enrollment with category
/// hh-notification-type#provider-assignment-notification on or after the assignment day.
/// </summary>
public sealed class ProviderNotifiedWithin7Days : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.CalendarDays(7);

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmNotifyWeekly];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        List<DeadlineResult> results = [];
        foreach (var enrollment in record.EnrollmentsIn(program))
        {
            if (enrollment.ManagingOrganization is null)
            {
                results.Add(DeadlineContext.NotApplicable(RuleIds, record.PatientReference, RuleSeverity.Error,
                    Text($"Enrollment {enrollment.Reference} is not assigned to an ECM Provider (no managingOrganization) yet.")));
                continue;
            }

            var due = Limit.DueFrom(enrollment.Start, program, context);
            var notice = record.Notifications(enrollment, ProgramCodes.ProviderAssignmentNotification, enrollment.Start).FirstOrDefault();
            var text = Text($"Assigned to {enrollment.ManagingOrganization} {clock.Day(enrollment.Start)}; provider notice due by {clock.Day(due)} (7 calendar days)")
                + (notice.Communication is not null
                    ? Text($"; {notice.Communication.ReferenceTo()} sent {clock.Day(notice.Sent)}.")
                    : "; no completed, sent provider assignment notification on record.");
            results.Add(context.Judge(program, RuleIds, record.PatientReference, enrollment.Start, due,
                notice.Communication is null ? null : notice.Sent,
                [enrollment.Reference], notice.Communication is null ? [] : [notice.Communication.ReferenceTo()], RuleSeverity.Error, text));
        }

        return results;
    }
}
