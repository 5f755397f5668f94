using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-ELIG-5BD: "KHS will determine eligibility within five (5) working days for routine authorizations [...]."
/// Routine reviews only (expedited ones are ECM-ELIG-72H): due at the end of the 5th California business day after the
/// day received. From 2026-01-01 (received date, local) the federal Medicaid managed care prior authorization cap of 7
/// calendar days (CMS-0057-F, <see cref="RuleIds.FederalPriorAuthorization7Days"/>) also applies: both are computed,
/// the earlier due is reported, and the result names both rules, the binding one first
/// (docs/domain/ecm.md#ecm-elig-5bd).
/// </summary>
public sealed class EligibilityWithin5BusinessDays : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.BusinessDays(5);
    public static readonly DeadlineLimit FederalCap = DeadlineLimit.CalendarDays(7);

    /// <summary>The first local receipt date the federal cap applies to.</summary>
    public static readonly DateOnly FederalCapFrom = new(2026, 1, 1);

    public IReadOnlyList<string> RuleIds { get; } =
        [CareManagement.RuleIds.EcmEligibility5BusinessDays, CareManagement.RuleIds.FederalPriorAuthorization7Days];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        List<DeadlineResult> results = [];
        foreach (var review in EligibilityReview.Of(record).Where(r => !r.Expedited))
        {
            var stateDue = Limit.DueFrom(review.Received, program, context);
            var text = Text($"Routine eligibility review received {clock.Stamp(review.Received)}; 5 California business days: due {clock.Day(stateDue)}");
            IReadOnlyList<string> rules = [CareManagement.RuleIds.EcmEligibility5BusinessDays];
            var due = stateDue;
            if (clock.LocalDate(review.Received) >= FederalCapFrom)
            {
                var federalDue = FederalCap.DueFrom(review.Received, program, context);
                text += Text($"; federal cap (CMS-0057-F) 7 calendar days: due {clock.Day(federalDue)}");
                if (federalDue < stateDue)
                {
                    due = federalDue;
                    rules = [CareManagement.RuleIds.FederalPriorAuthorization7Days, CareManagement.RuleIds.EcmEligibility5BusinessDays];
                    text += "; the federal cap is earlier and binds";
                }
                else
                {
                    rules = [CareManagement.RuleIds.EcmEligibility5BusinessDays, CareManagement.RuleIds.FederalPriorAuthorization7Days];
                    text += "; the 5 business days bind";
                }
            }
            else
            {
                text += "; the federal 7-day cap applies only to requests received from 2026-01-01";
            }

            text += review.DecidedAt is { } decided
                ? Text($". Decision ({review.Decision}) {clock.Stamp(decided)}.")
                : review.Decision is not null ? Text($". Decision ({review.Decision}) recorded without executionPeriod.end or lastModified.") : ". No decision yet.";
            results.Add(context.Judge(
                program, rules, record.PatientReference, review.Received, due, review.DecidedAt,
                [review.Reference], review.DecidedAt is null ? [] : [review.Reference], RuleSeverity.Error, text));
        }

        return results;
    }
}
