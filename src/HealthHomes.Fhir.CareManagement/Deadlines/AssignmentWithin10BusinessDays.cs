using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-ASSIGN-10BD: "Utilizing KHS's internal technology algorithms and data KHS will assign every Member authorized
/// for ECM to an ECM Provider within ten (10) business days of authorization." Per ecm enrollment: start = the
/// authorization period start; due the 10th California business day after; met by the assignment = the enrollment's
/// period.start once it has a managingOrganization. Not applicable without an authorization period.
/// </summary>
public sealed class AssignmentWithin10BusinessDays : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.BusinessDays(10);

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmAssign10BusinessDays];

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
            var assigned = enrollment.ManagingOrganization is null ? (DateTimeOffset?)null : enrollment.Start;
            var text = Text($"Authorized {clock.Day(authorized)}; assignment due by {clock.Day(due)} (10 California business days)")
                + (assigned is { } when
                    ? Text($"; assigned to {enrollment.ManagingOrganization} {clock.Day(when)} (enrollment period.start).")
                    : "; no ECM Provider (managingOrganization) assigned yet.");
            results.Add(context.Judge(program, RuleIds, record.PatientReference, authorized, due, assigned,
                [enrollment.Reference], assigned is null ? [] : [enrollment.Reference], RuleSeverity.Error, text));
        }

        return results;
    }
}
