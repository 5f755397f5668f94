using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-AUTH-12M: "If Member meets eligibility, an authorization for a period of 12 months will be given." Per ecm
/// enrollment with ext hh-authorization-period: the expected end is start + 12 months - 1 day (inclusive period,
/// docs/domain/ecm.md#ecm-auth-12m). With an end recorded: met when it is on or after the expected end, missed when
/// shorter. With no end recorded: judged as of the evaluation instant with due = the expected end (pending / at-risk
/// while it runs); once the expected end has passed with the authorization still open it has covered 12 months: met.
/// Not applicable without an authorization period.
/// </summary>
public sealed class AuthorizationFor12Months : IDeadlineRule
{
    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmAuthorization12Months];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        return [.. record.EnrollmentsIn(CareProgram.EnhancedCareManagement).Select(e => EvaluateEnrollment(record, e, context))];
    }

    public DeadlineResult EvaluateEnrollment(MemberRecord record, Enrollment enrollment, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(context);
        var program = enrollment.Program;
        var clock = DeadlineContext.ClockFor(program);
        if (At(enrollment.Authorization?.Start, program) is not { } start)
        {
            return DeadlineContext.NotApplicable(RuleIds, record.PatientReference, RuleSeverity.Error,
                Text($"Enrollment {enrollment.Reference} has no authorization period (extension hh-authorization-period) with a start."));
        }

        var expectedEnd = clock.LocalDate(start).AddMonths(12).AddDays(-1);
        var due = clock.EndOfDay(expectedEnd);
        var recordedEnd = At(enrollment.Authorization!.End, program);
        IReadOnlyList<string> evidence = [enrollment.Reference];
        if (recordedEnd is { } end)
        {
            var covers = clock.LocalDate(end) >= expectedEnd;
            var text = Text($"Authorized {clock.Day(start)}; 12 months run through {Day(expectedEnd)}; the authorization period ends {clock.Day(end)}")
                + (covers ? ": it covers 12 months." : ": shorter than 12 months.");
            return new DeadlineResult(RuleIds, record.PatientReference, covers ? ComplianceState.Met : ComplianceState.Missed,
                clock.Local(start), due, clock.Local(end), evidence, evidence, RuleSeverity.Error, null, text);
        }

        if (context.AsOf > due)
        {
            return new DeadlineResult(RuleIds, record.PatientReference, ComplianceState.Met, clock.Local(start), due, due, evidence, evidence, RuleSeverity.Error, null,
                Text($"Authorized {clock.Day(start)}; 12 months run through {Day(expectedEnd)}; no end recorded and still open: it has covered 12 months."));
        }

        return context.Judge(program, RuleIds, record.PatientReference, start, due, null, evidence, [], RuleSeverity.Error,
            Text($"Authorized {clock.Day(start)}; 12 months run through {Day(expectedEnd)}; no authorization end recorded yet."));
    }
}
