using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Deadlines.Checklists;

/// <summary>
/// KS-CL3-ALT (checklist 3: "If unable to connect after 7 days, attempt alternate methods: send mailing, check
/// alternate database, connect with most recent pharmacy or provider"). The clock starts at the start of local day 7
/// after the first failed attempt on confirmed contact details (checklist 3's start) when no contact was made before
/// it and the contact details were not found invalid in between; alternates done since checklist 3 started count.
/// Met when all three are done, or when contact is made (the purpose of the alternates).
/// <para>
/// Due: the end of local day <see cref="DueDay"/> (day 7 + 7). The seed gives no limit ("recommended"), and a due date
/// of day 7 itself would be missed the moment the clock starts; one more week mirrors the seed's own 7-day follow-up
/// cadence, so the alternates are expected before another follow-up cycle would have passed.
/// </para>
/// </summary>
public sealed class AlternateMethodsAfter7Days : IDeadlineRule
{
    public static readonly AlternateMethodsAfter7Days Instance = new();

    /// <summary>The due day counted from checklist 3's first failed attempt (day 0).</summary>
    public const int DueDay = 14;

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.KsCl3Alternate];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        foreach (var timeline in ChecklistRules.KsTimelines(record, context))
        {
            var clock = timeline.Clock;
            var starts = timeline.Attempts.Where(OutreachTimeline.IsFailedDirectAttempt)
                .Select(a => timeline.Checklist3Start(a.When))
                .OfType<OutreachAttempt>()
                .DistinctBy(a => a.Reference);
            foreach (var start in starts)
            {
                var startDate = clock.LocalDate(start.When);
                var day7 = clock.StartOfDay(startDate.AddDays(UnableToReach.KsChecklist3Days));
                if (context.AsOf < day7
                    || timeline.Checklist3Start(day7.AddTicks(-1)) != start
                    || (timeline.FirstContact is { } early && early.When < day7))
                {
                    continue;
                }

                var progress = ChecklistProgress.Of(timeline, ChecklistCodes.Checklist3, start);
                var alternates = progress.Steps.Where(s => s.Rule == CareManagement.RuleIds.KsCl3Alternate).ToList();
                var done = FollowUpCallWithin7Days.AlternatesDoneAt(timeline, start);
                var contact = timeline.Attempts.FirstOrDefault(a => a.When > start.When && a.MadeMemberContact);
                var end = contact is not null && (done is null || contact.When < done.Value.When) ? new Evidence(contact.When, contact.Reference) : done;
                yield return context.Judge(
                    timeline.Enrollment.Program,
                    RuleIds,
                    timeline.Enrollment.Reference,
                    day7,
                    clock.EndOfDay(startDate.AddDays(DueDay)),
                    end?.When,
                    [start.Reference],
                    end is null ? [] : end.Value.Reference == contact?.Reference ? [contact.Reference] : [.. alternates.Select(s => s.Evidence[0].Reference).Distinct()],
                    RuleSeverity.Warning,
                    $"No contact 7 days after the first failed attempt {start.Reference} ({startDate:yyyy-MM-dd}): {(contact is not null && end?.Reference == contact.Reference ? $"contact made ({contact.Reference}); " : "")}{ChecklistRules.Describe(alternates)}.");
            }
        }
    }
}
