using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Deadlines.Checklists;

/// <summary>
/// The KanCare outreach checklist rules (docs/domain/health-homes.md#outreach-checklists): KS-CL1, KS-CL2, KS-CL3-7D,
/// KS-CL3-ALT, KS-CL4. The checklists are recommendations ("We recommend", "The checklists identify action steps and
/// suggest research methods"), so every result has severity warning (docs/domain/README.md#errors-and-warnings).
/// Subjects are the enrollment ("EpisodeOfCare/id"); the attempt that started each instance is its start evidence.
/// </summary>
public static class ChecklistRules
{
    /// <summary>The five rules, for the central registry.</summary>
    public static IReadOnlyList<IDeadlineRule> All { get; } =
    [
        InvalidContactChecklistRule.Checklist1,
        InvalidContactChecklistRule.Checklist2,
        FollowUpCallWithin7Days.Instance,
        AlternateMethodsAfter7Days.Instance,
        PromisedCallback.Instance,
    ];

    /// <summary>The member's KS-HH enrollments started on or before the instant, each with its outreach as of it.</summary>
    internal static IEnumerable<OutreachTimeline> KsTimelines(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        return record.Enrollments()
            .Where(e => !e.Program.IsEcm && e.Start <= context.AsOf)
            .Select(e => record.TimelineOf(e, context.AsOf));
    }

    /// <summary>"step (Task/x)" for done steps, "step: outstanding" for the others.</summary>
    internal static string Describe(IEnumerable<StepProgress> steps) =>
        string.Join("; ", steps.Select(s => s.Done ? $"{s.Code} done ({s.Evidence[0].Reference})" : $"{s.Code} outstanding"));
}
