using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>
/// Where outreach to one member stands in one enrollment as of an instant
/// (docs/domain/engagement.md#engagement-statuses), with the records that decided it: the status and its evidence; the
/// KanCare checklist that applies now (checklist-1..4; KS-HH only) with each step done or outstanding; the next
/// recommended action and when it is due; attempt counts; whether the member may be removed from the panel (KS-PANEL)
/// and whether the one-time outreach payment applies (KS-PAY).
/// </summary>
public sealed record EngagementAssessment(
    Enrollment Enrollment,
    EngagementStatus Status,
    string StatusReason,
    IReadOnlyList<string> Evidence,
    string? Checklist,
    IReadOnlyList<ChecklistStepState> Steps,
    NextAction? NextAction,
    AttemptCounts Attempts,
    bool PanelRemovalAllowed,
    IReadOnlyList<string> PanelRemovalEvidence,
    bool OutreachPaymentEligible,
    string OutreachPaymentReason);

/// <summary>A checklist step (hh-checklist-step code), done or outstanding, with the records that did it.</summary>
public sealed record ChecklistStepState(string Code, bool Done, IReadOnlyList<string> Evidence, string? Rule)
{
    /// <summary>
    /// Done only when its condition arises (checklist 4: high-risk-notify-provider, opt-out-info-on-request); an
    /// outstanding conditional step is not a gap and is never the next action.
    /// </summary>
    public bool Conditional { get; init; }
}

/// <summary>The next recommended action (a checklist step code, or e.g. "outreach-attempt", "callback"), when it is due and under which rule.</summary>
public sealed record NextAction(string Code, DateTimeOffset? Due, string? Rule, string Explanation);

/// <summary>Attempts made, by modality code, time-of-day bucket code (early-morning, daytime, evening) and local weekday (monday..sunday).</summary>
public sealed record AttemptCounts(
    int Total,
    IReadOnlyDictionary<string, int> ByModality,
    IReadOnlyDictionary<string, int> ByTimeOfDay,
    IReadOnlyDictionary<string, int> ByWeekday);
