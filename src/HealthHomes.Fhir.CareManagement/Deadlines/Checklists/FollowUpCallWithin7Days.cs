using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Deadlines.Checklists;

/// <summary>
/// KS-CL3-7D (checklist 3: "Attempt another early morning or evening call, if possible. Follow-up with other phone call
/// within 7 days"; docs/domain/health-homes.md#ks-cl3-7d): from each failed call on confirmed contact details, the next
/// phone attempt is due by the end of local day 7, until contact is made or the alternate methods (KS-CL3-ALT) are
/// done: a call after which the alternates were already all done starts no instance, and contact or the alternates
/// being completed before the next call ends (meets) an instance. The explanation says whether an early-morning (before
/// 09:00) or evening (from 17:00) call has been made since checklist 3 started.
/// </summary>
public sealed class FollowUpCallWithin7Days : IDeadlineRule
{
    public static readonly FollowUpCallWithin7Days Instance = new();

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.KsCl3SevenDays];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        foreach (var timeline in ChecklistRules.KsTimelines(record, context))
        {
            var clock = timeline.Clock;
            foreach (var call in timeline.Attempts.Where(a => OutreachTimeline.IsCall(a) && OutreachTimeline.IsFailedDirectAttempt(a)))
            {
                if (timeline.Checklist3Start(call.When) is not { } start
                    || (timeline.FirstContact is { } contact && contact.When <= call.When)
                    || AlternatesDoneAt(timeline, start) is { } doneBefore && doneBefore.When <= call.When)
                {
                    continue;
                }

                var ends = new List<(Evidence End, string What)>();
                if (timeline.Attempts.FirstOrDefault(a => a.When > call.When && OutreachTimeline.IsCall(a)) is { } next)
                {
                    ends.Add((new Evidence(next.When, next.Reference), $"next phone attempt {next.Reference} on {EngagementEvaluator.Format(timeline, next.When)}"));
                }

                if (timeline.Attempts.FirstOrDefault(a => a.When > call.When && a.MadeMemberContact) is { } reached)
                {
                    ends.Add((new Evidence(reached.When, reached.Reference), $"contact made ({reached.Reference})"));
                }

                if (AlternatesDoneAt(timeline, start) is { } alternates)
                {
                    ends.Add((alternates, "alternate methods done (KS-CL3-ALT)"));
                }

                var end = ends.Count == 0 ? ((Evidence End, string What)?)null : ends.MinBy(e => e.End.When);
                var early = timeline.StepEvidence(ChecklistStepCodes.EarlyOrLateCall, start);
                var earlyText = early.Count > 0
                    ? $"an early-morning or evening call was made since checklist 3 started ({early[0].Reference})"
                    : $"no early-morning or evening call since checklist 3 started ({start.Reference})";
                yield return context.Judge(
                    timeline.Enrollment.Program,
                    RuleIds,
                    timeline.Enrollment.Reference,
                    call.When,
                    clock.EndOfDay(clock.LocalDate(call.When).AddDays(7)),
                    end?.End.When,
                    [call.Reference],
                    end is { } e ? [e.End.Reference] : [],
                    RuleSeverity.Warning,
                    $"Failed call {call.Reference} ({call.Outcome}): {(end is { } f ? f.What : "no follow-up call yet")}; {earlyText}.");
            }
        }
    }

    /// <summary>When the last of the three alternate methods was done since checklist 3 started (all done), else null.</summary>
    internal static Evidence? AlternatesDoneAt(OutreachTimeline timeline, OutreachAttempt start)
    {
        var firsts = KanCareChecklists.AlternateMethods.Select(step => timeline.StepEvidence(step, start)).ToList();
        return firsts.Any(e => e.Count == 0) ? null : firsts.Select(e => e[0]).MaxBy(e => e.When);
    }
}
