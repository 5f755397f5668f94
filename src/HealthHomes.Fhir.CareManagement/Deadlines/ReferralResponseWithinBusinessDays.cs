using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-CLR: "ECM referrals are required to be tracked, supported, and monitored by Kern Health Systems through the
/// Closed-Loop Referral (CLR) process as per DHCS guidelines." with "working with individual ECM program providers to
/// escalate referrals that have not been responded to timely" (docs/domain/referrals.md#response-window: timely =
/// settings ReferralResponseBusinessDays, default 10 California business days). Each Task with code
/// hh-task-code#referral: start = authoredOn; met by the first status change away from requested/draft: the first
/// version in
/// <see cref="MemberRecord.TaskHistory"/> whose status differs, at that version's Task.lastModified (the time the client
/// recorded for the change; the version's meta.lastUpdated, when the server stored it, only when lastModified is absent,
/// since back-loaded data is stored long after the fact); without history, Task.lastModified
/// when the current status differs (an approximation, said in the explanation). The closure (completed, rejected,
/// cancelled, failed) and its reason are reported in the explanation.
/// </summary>
public sealed class ReferralResponseWithinBusinessDays : IDeadlineRule
{
    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmClosedLoopReferral];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        var limit = DeadlineLimit.BusinessDays(context.Settings.ReferralResponseBusinessDays);
        List<DeadlineResult> results = [];
        foreach (var referral in record.TasksWithCode(ProgramCodes.Referral).Where(t => record.IsForProgram(t, program)))
        {
            if (At(referral.AuthoredOn, program) is not { } received)
            {
                continue;
            }

            var due = limit.DueFrom(received, program, context);
            DateTimeOffset? answered = null;
            string how;
            var changed = record.TaskHistory.TryGetValue(referral.Id ?? "", out var versions)
                ? versions.FirstOrDefault(v => !IsUnanswered(v.Status))
                : null;
            if ((At(changed?.LastModified, program) ?? changed?.Meta?.LastUpdated) is { } updated)
            {
                answered = updated;
                how = Text($"first answered ({Code(changed!.Status)}) {clock.Stamp(updated)} (version {changed.Meta?.VersionId ?? "?"})");
            }
            else if (!IsUnanswered(referral.Status) && At(referral.LastModified, program) is { } modified)
            {
                answered = modified;
                how = Text($"answered ({Code(referral.Status)}) by {clock.Stamp(modified)}: Task.lastModified, an approximation as no version history shows when the status first changed");
            }
            else
            {
                how = IsUnanswered(referral.Status) ? Text($"not answered yet (status {Code(referral.Status)})") : "status changed but no time recorded";
            }

            var reason = referral.StatusReason?.CodeIn(ProgramCodes.ReferralClosureSystem) ?? referral.StatusReason?.Text;
            var closure = referral.Status is FhirTask.TaskStatus.Completed or FhirTask.TaskStatus.Rejected or FhirTask.TaskStatus.Cancelled or FhirTask.TaskStatus.Failed
                ? Text($"; loop closed: {Code(referral.Status)} ({reason ?? "no closure reason"})")
                : "; loop still open";
            var text = Text($"Referral {referral.ReferenceTo()} received {clock.Stamp(received)}; first response due by {clock.Day(due)} ({limit}); ") + how + closure + ".";
            results.Add(context.Judge(program, RuleIds, record.PatientReference, received, due, answered,
                [referral.ReferenceTo()], answered is null ? [] : [referral.ReferenceTo()], RuleSeverity.Error, text));
        }

        return results;
    }

    private static bool IsUnanswered(FhirTask.TaskStatus? status) => status is null or FhirTask.TaskStatus.Requested or FhirTask.TaskStatus.Draft;

    private static string Code(FhirTask.TaskStatus? status) => status switch
    {
        null => "none",
        FhirTask.TaskStatus.InProgress => "in-progress",
        FhirTask.TaskStatus.OnHold => "on-hold",
        FhirTask.TaskStatus.EnteredInError => "entered-in-error",
        { } s => s.ToString().ToLowerInvariant(),
    };
}
