using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-ELIG-72H: "KHS will determine eligibility [...] within 72 hours for expedited requests." Expedited reviews
/// (Task.priority urgent, asap or stat): due 72 elapsed hours after receipt, weekends and holidays included. (The federal
/// expedited cap from 2026 is also 72 hours, so it never binds earlier.)
/// </summary>
public sealed class ExpeditedEligibilityWithin72Hours : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.Hours(72);

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmEligibility72Hours];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        return [.. EligibilityReview.Of(record).Where(r => r.Expedited).Select(review =>
        {
            var due = Limit.DueFrom(review.Received, program, context);
            var text = Text($"Expedited eligibility review ({review.Task.Priority?.ToString().ToLowerInvariant()}) received {clock.Stamp(review.Received)}; 72 hours: due {clock.Stamp(due)}")
                + (review.DecidedAt is { } decided
                    ? Text($". Decision ({review.Decision}) {clock.Stamp(decided)}.")
                    : review.Decision is not null ? Text($". Decision ({review.Decision}) recorded without executionPeriod.end or lastModified.") : ". No decision yet.");
            return context.Judge(
                program, RuleIds, record.PatientReference, review.Received, due, review.DecidedAt,
                [review.Reference], review.DecidedAt is null ? [] : [review.Reference], RuleSeverity.Error, text);
        })];
    }
}
