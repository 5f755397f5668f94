using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace HealthHomes.Fhir.CareManagement.Referrals;

/// <summary>Violation codes of <see cref="ReferralWorkflow.Check"/>.</summary>
public static class ReferralViolationCodes
{
    /// <summary>Task.status missing.</summary>
    public const string StatusMissing = "status-missing";

    /// <summary>ready / received: not in hh-referral-task-status (Gravity's Referral Task Status value set excludes them).</summary>
    public const string StatusNotAllowed = "status-not-allowed";

    /// <summary>A move between two non-terminal states that the table does not allow (a skip, or a move backwards).</summary>
    public const string IllegalTransition = "illegal-transition";

    /// <summary>A terminal state (completed, rejected, cancelled, failed, entered-in-error) moved to anything but entered-in-error.</summary>
    public const string TerminalReopened = "terminal-reopened";

    /// <summary>A closure (completed, rejected, cancelled, failed) without Task.statusReason.</summary>
    public const string ClosureReasonMissing = "closure-reason-missing";

    /// <summary>A closure whose Task.statusReason has no code from hh-referral-closure.</summary>
    public const string ClosureReasonCodeInvalid = "closure-reason-code-invalid";

    /// <summary>A closure whose Task.statusReason has no text (a Gravity "should", made an error here: docs/domain/referrals.md#closure-reasons).</summary>
    public const string ClosureReasonTextMissing = "closure-reason-text-missing";
}

/// <summary>One violation: code, message (citing ECM-CLR) and the FHIRPath of the offending element.</summary>
public sealed record ReferralViolation(string Code, string Message, string Expression)
{
    public string Rule => RuleIds.EcmClosedLoopReferral;
}

/// <summary>
/// ECM-CLR (KHS policy E.7; docs/domain/referrals.md#life-cycle): checks a write of a closed-loop referral Task
/// (profile hh-referral-task, Gravity SDOHCC Task For Referral Management; Task.code hh-task-code#referral) against the
/// referral state machine, which narrows the FHIR Task state machine (https://hl7.org/fhir/R4/task.html#statemachine)
/// to Gravity's Referral Task Status value set (all TaskStatus codes except ready and received):
/// <code>
/// from            allowed to
/// (new)           any referral status (an EHR or a migration sends referrals already under way); a closure needs its reason
/// draft           requested
/// requested       accepted, rejected, cancelled
/// accepted        in-progress, on-hold, cancelled, failed, completed
/// in-progress     on-hold, completed, failed, cancelled
/// on-hold         in-progress, cancelled, failed (a paused referral can be called off; FHIR Task allows it)
/// completed, rejected, cancelled, failed    (terminal) entered-in-error only
/// entered-in-error                          (terminal) nothing
/// any             entered-in-error; itself (an update that keeps the status)
/// </code>
/// A closure (completed, rejected, cancelled, failed), on creation or on a transition or an update that keeps it, needs
/// Task.statusReason with a coding from https://fhir.healthhomes.example/CodeSystem/hh-referral-closure and a
/// statusReason.text (Gravity "should", an error here, docs/domain/referrals.md#closure-reasons). A Task that is not a
/// referral gives no violations.
/// </summary>
public static class ReferralWorkflow
{
    private static readonly Dictionary<TaskStatus, TaskStatus[]> Allowed = new()
    {
        [TaskStatus.Draft] = [TaskStatus.Requested],
        [TaskStatus.Requested] = [TaskStatus.Accepted, TaskStatus.Rejected, TaskStatus.Cancelled],
        [TaskStatus.Accepted] = [TaskStatus.InProgress, TaskStatus.OnHold, TaskStatus.Cancelled, TaskStatus.Failed, TaskStatus.Completed],
        [TaskStatus.InProgress] = [TaskStatus.OnHold, TaskStatus.Completed, TaskStatus.Failed, TaskStatus.Cancelled],
        [TaskStatus.OnHold] = [TaskStatus.InProgress, TaskStatus.Cancelled, TaskStatus.Failed],
    };

    public static bool IsReferral(FhirTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Code.HasCode(ProgramCodes.TaskCodeSystem, ProgramCodes.Referral);
    }

    /// <summary>completed, rejected, cancelled, failed: the loop is closed and a closure reason is required.</summary>
    public static bool IsClosure(TaskStatus? status) =>
        status is TaskStatus.Completed or TaskStatus.Rejected or TaskStatus.Cancelled or TaskStatus.Failed;

    /// <summary>The closures and entered-in-error.</summary>
    public static bool IsTerminal(TaskStatus? status) => IsClosure(status) || status == TaskStatus.EnteredInError;

    /// <summary>Is <paramref name="from"/> to <paramref name="to"/> allowed by the table (same status and entered-in-error always are).</summary>
    public static bool IsAllowedTransition(TaskStatus from, TaskStatus to) =>
        from == to
        || (to == TaskStatus.EnteredInError && from != TaskStatus.EnteredInError)
        || (Allowed.TryGetValue(from, out var targets) && targets.Contains(to));

    /// <summary>The violations of writing <paramref name="next"/> over <paramref name="previous"/> (null on create).</summary>
    public static IReadOnlyList<ReferralViolation> Check(FhirTask? previous, FhirTask next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!IsReferral(next))
        {
            return [];
        }

        var violations = new List<ReferralViolation>();
        if (next.Status is not { } to)
        {
            violations.Add(new(ReferralViolationCodes.StatusMissing, $"{RuleIds.EcmClosedLoopReferral}: a referral Task needs a status.", "Task.status"));
            return violations;
        }

        var toCode = Code(to);
        if (to is TaskStatus.Ready or TaskStatus.Received)
        {
            violations.Add(new(ReferralViolationCodes.StatusNotAllowed,
                $"{RuleIds.EcmClosedLoopReferral}: status '{toCode}' is not a referral Task status (hh-referral-task-status, as Gravity, excludes ready and received).",
                "Task.status"));
            return violations;
        }

        // A new referral may arrive in any referral status: an EHR or a migration sends referrals already under way.
        // Only a change of a stored referral is checked against the workflow.
        if (previous?.Status is { } from && !IsAllowedTransition(from, to))
        {
            var fromCode = Code(from);
            violations.Add(IsTerminal(from)
                ? new(ReferralViolationCodes.TerminalReopened,
                    $"{RuleIds.EcmClosedLoopReferral}: the referral is {fromCode} (terminal); it can only be marked entered-in-error, not moved to '{toCode}'.",
                    "Task.status")
                : new(ReferralViolationCodes.IllegalTransition,
                    $"{RuleIds.EcmClosedLoopReferral}: a referral cannot move from '{fromCode}' to '{toCode}' (allowed from {fromCode}: {string.Join(", ", Allowed[from].Select(Code).Append("entered-in-error"))}).",
                    "Task.status"));
        }

        if (IsClosure(to))
        {
            CheckClosureReason(next, toCode, violations);
        }

        return violations;
    }

    private static void CheckClosureReason(FhirTask task, string status, List<ReferralViolation> violations)
    {
        var reason = task.StatusReason;
        if (reason is null || (reason.Coding.Count == 0 && string.IsNullOrWhiteSpace(reason.Text)))
        {
            violations.Add(new(ReferralViolationCodes.ClosureReasonMissing,
                $"{RuleIds.EcmClosedLoopReferral}: a referral closed as {status} needs Task.statusReason (a reason for referral loop closure from hh-referral-closure, with text).",
                "Task.statusReason"));
            return;
        }

        if (reason.CodeIn(ProgramCodes.ReferralClosureSystem) is null)
        {
            violations.Add(new(ReferralViolationCodes.ClosureReasonCodeInvalid,
                $"{RuleIds.EcmClosedLoopReferral}: Task.statusReason of a referral closed as {status} needs a code from {ProgramCodes.ReferralClosureSystem}.",
                $"Task.statusReason.coding.where(system = '{ProgramCodes.ReferralClosureSystem}')"));
        }

        if (string.IsNullOrWhiteSpace(reason.Text))
        {
            violations.Add(new(ReferralViolationCodes.ClosureReasonTextMissing,
                $"{RuleIds.EcmClosedLoopReferral}: Task.statusReason.text is required when a referral is closed as {status} (Gravity: should be included; required here).",
                "Task.statusReason.text"));
        }
    }

    /// <summary>The FHIR code of a status (e.g. in-progress).</summary>
    public static string Code(TaskStatus status) => Hl7.Fhir.Utility.EnumUtility.GetLiteral(status) ?? status.ToString();
}
