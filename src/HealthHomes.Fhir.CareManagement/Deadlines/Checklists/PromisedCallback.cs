using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Deadlines.Checklists;

/// <summary>
/// KS-CL4 (checklist 4: "Ask permission to call person back ... Give specific timeframe and then call back as
/// stated"): one instance per attempt with a callback-due output; due the end of the promised instant's local date; met
/// by the first phone attempt after the promising attempt on or before that date (met-late after).
/// </summary>
public sealed class PromisedCallback : IDeadlineRule
{
    public static readonly PromisedCallback Instance = new();

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.KsCl4];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        foreach (var timeline in ChecklistRules.KsTimelines(record, context))
        {
            var clock = timeline.Clock;
            foreach (var promise in timeline.Attempts.Where(a => a.CallbackDue is not null))
            {
                var day = clock.LocalDate(promise.CallbackDue!.Value);
                var callback = timeline.Attempts.FirstOrDefault(a => a.When > promise.When && OutreachTimeline.IsCall(a));
                yield return context.Judge(
                    timeline.Enrollment.Program,
                    RuleIds,
                    timeline.Enrollment.Reference,
                    promise.When,
                    clock.EndOfDay(day),
                    callback?.When,
                    [promise.Reference],
                    callback is null ? [] : [callback.Reference],
                    RuleSeverity.Warning,
                    callback is null
                        ? $"Callback promised in {promise.Reference} for {day:yyyy-MM-dd}: not made yet."
                        : $"Callback promised in {promise.Reference} for {day:yyyy-MM-dd}: called back {EngagementEvaluator.Format(timeline, callback.When)} ({callback.Reference}).");
            }
        }
    }
}
