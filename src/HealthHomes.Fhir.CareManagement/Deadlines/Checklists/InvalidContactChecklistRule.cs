using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Deadlines.Checklists;

/// <summary>
/// KS-CL1 (checklist 1, incorrect/missing phone: "We recommend the following be done at the time of the call": send
/// mailing, check alternate database, connect with pharmacy or provider) and KS-CL2 (checklist 2, not located at the
/// listed address: check alternate database, connect with pharmacy or provider). One instance per attempt with outcome
/// wrong-number / number-missing-or-disconnected (KS-CL1) or address-not-found / mail-returned (KS-CL2), due the end of
/// that attempt's local day; met when every step of the checklist is done by then (met-late after). Steps done since
/// the first attempt of the same uncorrected run count, so calling the same wrong number twice does not ask for the
/// steps twice.
/// </summary>
public sealed class InvalidContactChecklistRule : IDeadlineRule
{
    public static readonly InvalidContactChecklistRule Checklist1 = new(ContactKind.Phone);

    public static readonly InvalidContactChecklistRule Checklist2 = new(ContactKind.Address);

    private readonly ContactKind _kind;

    private InvalidContactChecklistRule(ContactKind kind) => _kind = kind;

    private string Rule => _kind == ContactKind.Phone ? CareManagement.RuleIds.KsCl1 : CareManagement.RuleIds.KsCl2;

    private string Checklist => _kind == ContactKind.Phone ? ChecklistCodes.Checklist1 : ChecklistCodes.Checklist2;

    public IReadOnlyList<string> RuleIds => [Rule];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        foreach (var timeline in ChecklistRules.KsTimelines(record, context))
        {
            foreach (var attempt in timeline.Attempts.Where(a => OutreachTimeline.InvalidKind(a.Outcome) == _kind))
            {
                var progress = ChecklistProgress.Of(timeline, Checklist, timeline.RunStart(_kind, attempt));
                var completed = progress.Steps.All(s => s.Done) ? progress.Steps.Max(s => s.Evidence[0].When) : (DateTimeOffset?)null;
                var clock = timeline.Clock;
                yield return context.Judge(
                    timeline.Enrollment.Program,
                    RuleIds,
                    timeline.Enrollment.Reference,
                    attempt.When,
                    clock.EndOfDay(clock.LocalDate(attempt.When)),
                    completed,
                    [attempt.Reference],
                    completed is null ? [] : [.. progress.Steps.Select(s => s.Evidence[0].Reference).Distinct()],
                    RuleSeverity.Warning,
                    $"{Checklist} after {attempt.Reference} ({attempt.Outcome}), recommended the same day: {ChecklistRules.Describe(progress.Steps)}.");
            }
        }
    }
}
