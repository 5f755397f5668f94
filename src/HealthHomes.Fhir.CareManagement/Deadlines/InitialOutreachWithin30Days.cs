using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-OUT-30D: "Initial outreach is targeted to occur within 30 days of the ECM Provider receiving their list of
/// eligible Members." A target, so a warning (docs/domain/README.md#errors-and-warnings). Per ecm enrollment: start =
/// <see cref="OutreachWindow"/>; due 30 calendar days; met by the first outreach attempt made on or after the start's
/// day.
/// </summary>
public sealed class InitialOutreachWithin30Days : IDeadlineRule
{
    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmOutreach30Days];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        return [.. record.EnrollmentsIn(CareProgram.EnhancedCareManagement).Select(e => EvaluateEnrollment(record, e, context))];
    }

    /// <summary>ECM-OUT-30D for one ecm enrollment.</summary>
    public static DeadlineResult EvaluateEnrollment(MemberRecord record, Enrollment enrollment, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(context);
        var program = enrollment.Program;
        var clock = DeadlineContext.ClockFor(program);
        var window = OutreachWindow.Of(record, enrollment, context);
        var first = record.AttemptsOf(enrollment).FirstOrDefault(a => clock.OnOrAfterDayOf(a.When, window.Start));
        if (first is null && enrollment.End is { } end && end <= context.AsOf && end < window.Due)
        {
            return DeadlineContext.NotApplicable([CareManagement.RuleIds.EcmOutreach30Days], record.PatientReference, RuleSeverity.Warning,
                Text($"Enrollment {enrollment.Reference} ended {clock.Day(end)} before the outreach target ({clock.Day(window.Due)}) without an attempt."));
        }

        var text = "Initial outreach is targeted within 30 days: " + window.Describe(program)
            + (first is null ? "; no outreach attempt made yet." : Text($"; first attempt {first.Reference} {clock.Stamp(first.When)}."));
        return context.Judge(program, [CareManagement.RuleIds.EcmOutreach30Days], record.PatientReference, window.Start, window.Due, first?.When,
            [window.StartEvidence], first is null ? [] : [first.Reference], RuleSeverity.Warning, text);
    }
}
