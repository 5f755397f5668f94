using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>One step of a started checklist: its rule, whether it is conditional, and the records that did it (none: outstanding).</summary>
internal sealed record StepProgress(string Code, string? Rule, bool Conditional, IReadOnlyList<Evidence> Evidence)
{
    public bool Done => Evidence.Count > 0;

    public ChecklistStepState ToState() =>
        new(Code, Done, [.. Evidence.Select(e => e.Reference).Distinct()], Rule) { Conditional = Conditional };
}

/// <summary>
/// A KanCare checklist started by an attempt (<see cref="Start"/>), with every step of it done or outstanding: a step
/// counts when a completed hh-checklist-step Task for it, or an attempt that does it, is dated at or after the start.
/// </summary>
internal sealed record ChecklistProgress(string Checklist, OutreachAttempt Start, IReadOnlyList<StepProgress> Steps)
{
    public static ChecklistProgress Of(OutreachTimeline timeline, string checklist, OutreachAttempt start) =>
        new(checklist, start, [.. KanCareChecklists.StepsOf(checklist).Select(step => new StepProgress(
            step, KanCareChecklists.RuleFor(checklist, step), KanCareChecklists.IsConditional(step), timeline.StepEvidence(step, start)))]);

    /// <summary>
    /// The checklist that applies now (KS-HH only): checklist 4 once contacted (started by the first contact);
    /// checklist 1 or 2 while the phone or address is invalid (started by the first attempt of the open run);
    /// checklist 3 while outreach on confirmed details is failing or has run its course. None when engaged, declined,
    /// disenrolled, not yet outreached, or when no attempt has failed yet.
    /// </summary>
    public static ChecklistProgress? Current(OutreachTimeline timeline, EngagementStatus status)
    {
        if (timeline.Enrollment.Program.IsEcm)
        {
            return null;
        }

        return status switch
        {
            EngagementStatus.ContactedNotEngaged when timeline.FirstContact is { } contact => Of(timeline, ChecklistCodes.Checklist4, contact),
            EngagementStatus.ContactInfoInvalid when timeline.UnresolvedInvalid(timeline.AsOf) is { } invalid => Of(timeline, invalid.Checklist, invalid.First),
            EngagementStatus.OutreachInProgress or EngagementStatus.UnableToReach when timeline.Checklist3Start(timeline.AsOf) is { } start =>
                Of(timeline, ChecklistCodes.Checklist3, start),
            _ => null,
        };
    }
}
