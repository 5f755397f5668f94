using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-PCP-10BD: "KHS will notify each Member's Primary Care Physician (PCP) and other key Providers, if different from
/// the ECM Provider, by written notification within ten (10) business days of authorization of the assignment to the
/// ECM Provider." Per ecm enrollment: start = the authorization period start; due the 10th California business day
/// after; met by the earliest Communication of the enrollment with category hh-notification-type#pcp-assignment-notification,
/// status completed and <c>sent</c> (one in preparation is not sent yet). Not applicable without an authorization period.
/// </summary>
public sealed class PcpNotifiedWithin10BusinessDays : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.BusinessDays(10);

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmPcp10BusinessDays];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        List<DeadlineResult> results = [];
        foreach (var enrollment in record.EnrollmentsIn(program))
        {
            if (At(enrollment.Authorization?.Start, program) is not { } authorized)
            {
                results.Add(DeadlineContext.NotApplicable(RuleIds, record.PatientReference, RuleSeverity.Error,
                    Text($"Enrollment {enrollment.Reference} has no authorization period start to count from.")));
                continue;
            }

            var due = Limit.DueFrom(authorized, program, context);
            var notice = record.Notifications(enrollment, ProgramCodes.PcpAssignmentNotification).FirstOrDefault();
            var text = Text($"Authorized {clock.Day(authorized)}; PCP notice due by {clock.Day(due)} (10 California business days)")
                + (notice.Communication is not null
                    ? Text($"; {notice.Communication.ReferenceTo()} sent {clock.Day(notice.Sent)}.")
                    : "; no completed, sent PCP assignment notification on record.");
            results.Add(context.Judge(program, RuleIds, record.PatientReference, authorized, due,
                notice.Communication is null ? null : notice.Sent,
                [enrollment.Reference], notice.Communication is null ? [] : [notice.Communication.ReferenceTo()], RuleSeverity.Error, text));
        }

        return results;
    }
}
