using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// The 30-day ECM outreach window of ECM-OUT-30D and ECM-OUT-2X (docs/domain/ecm.md#the-outreach-window): it starts
/// when the ECM Provider received the member on its list = the earliest completed, sent
/// provider-assignment-notification Communication of the enrollment; when there is none, the enrollment start (<see
/// cref="FromNotification"/> false, said in results).
/// </summary>
public sealed record OutreachWindow(DateTimeOffset Start, DateTimeOffset Due, string StartEvidence, bool FromNotification)
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.CalendarDays(30);

    public static OutreachWindow Of(MemberRecord record, Enrollment enrollment, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(context);
        var notice = record.Notifications(enrollment, ProgramCodes.ProviderAssignmentNotification).FirstOrDefault();
        var fromNotice = notice.Communication is not null;
        var start = fromNotice ? notice.Sent : enrollment.Start;
        return new OutreachWindow(start, Limit.DueFrom(start, enrollment.Program, context),
            fromNotice ? notice.Communication!.ReferenceTo() : enrollment.Reference, fromNotice);
    }

    /// <summary>"Provider list received 2026-02-02 (Mon) (Communication/c1)" or the enrollment fallback, for explanations.</summary>
    public string Describe(CareProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var clock = DeadlineContext.ClockFor(program);
        return FromNotification
            ? Text($"ECM Provider received the member on its list {clock.Day(Start)} ({StartEvidence}); 30-day window through {clock.Day(Due)}")
            : Text($"no provider assignment notification sent, so the window counts from the enrollment start {clock.Day(Start)} ({StartEvidence}); 30-day window through {clock.Day(Due)}");
    }
}
