using HealthHomes.Fhir.CareManagement.Referrals;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace HealthHomes.Fhir.CareManagement.Tests.Referrals;

public sealed class ReferralWorkflowTests
{
    internal static FhirTask Referral(TaskStatus? status, string? reasonCode = null, string? reasonText = null, string reasonSystem = ProgramCodes.ReferralClosureSystem) => new()
    {
        Id = "r1",
        Status = status,
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, ProgramCodes.Referral),
        StatusReason = reasonCode is null && reasonText is null ? null : new CodeableConcept
        {
            Coding = reasonCode is null ? [] : [new Coding(reasonSystem, reasonCode)],
            Text = reasonText,
        },
    };

    private static FhirTask Closed(TaskStatus status) => Referral(status, "member-declined", "Member declined");

    private static IReadOnlyList<string> Codes(FhirTask? previous, FhirTask next) =>
        [.. ReferralWorkflow.Check(previous, next).Select(v => v.Code)];

    public static TheoryData<TaskStatus, TaskStatus> LegalMoves => new()
    {
        { TaskStatus.Draft, TaskStatus.Requested },
        { TaskStatus.Requested, TaskStatus.Accepted },
        { TaskStatus.Requested, TaskStatus.Rejected },
        { TaskStatus.Requested, TaskStatus.Cancelled },
        { TaskStatus.Accepted, TaskStatus.InProgress },
        { TaskStatus.Accepted, TaskStatus.OnHold },
        { TaskStatus.Accepted, TaskStatus.Failed },
        { TaskStatus.Accepted, TaskStatus.Completed },
        { TaskStatus.InProgress, TaskStatus.OnHold },
        { TaskStatus.OnHold, TaskStatus.InProgress },
        { TaskStatus.OnHold, TaskStatus.Cancelled },
        { TaskStatus.OnHold, TaskStatus.Failed },
        { TaskStatus.InProgress, TaskStatus.Completed },
        { TaskStatus.Completed, TaskStatus.EnteredInError },
        { TaskStatus.Requested, TaskStatus.EnteredInError },
    };

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void ECM_CLR_allowed_transitions_with_a_closure_reason_have_no_violations(TaskStatus from, TaskStatus to)
    {
        Assert.Empty(ReferralWorkflow.Check(Closed(from), Closed(to)));
    }

    public static TheoryData<TaskStatus, TaskStatus> ForwardSkipsAndBackwardMoves => new()
    {
        { TaskStatus.Draft, TaskStatus.Accepted },
        { TaskStatus.Draft, TaskStatus.Completed },
        { TaskStatus.Requested, TaskStatus.InProgress },
        { TaskStatus.Requested, TaskStatus.Completed },
        { TaskStatus.Accepted, TaskStatus.Requested },
        { TaskStatus.InProgress, TaskStatus.Accepted },
        { TaskStatus.OnHold, TaskStatus.Completed },
    };

    [Theory]
    [MemberData(nameof(ForwardSkipsAndBackwardMoves))]
    public void ECM_CLR_skipping_a_state_or_moving_back_is_an_illegal_transition(TaskStatus from, TaskStatus to)
    {
        var violation = Assert.Single(ReferralWorkflow.Check(Closed(from), Closed(to)));

        Assert.Equal(ReferralViolationCodes.IllegalTransition, violation.Code);
        Assert.Equal("Task.status", violation.Expression);
        Assert.Contains(RuleIds.EcmClosedLoopReferral, violation.Message, StringComparison.Ordinal);
    }

    public static TheoryData<TaskStatus, TaskStatus> TerminalMoves => new()
    {
        { TaskStatus.Completed, TaskStatus.InProgress },
        { TaskStatus.Rejected, TaskStatus.Requested },
        { TaskStatus.Cancelled, TaskStatus.Accepted },
        { TaskStatus.Failed, TaskStatus.Completed },
        { TaskStatus.EnteredInError, TaskStatus.Requested },
    };

    [Theory]
    [MemberData(nameof(TerminalMoves))]
    public void ECM_CLR_a_terminal_referral_moves_only_to_entered_in_error(TaskStatus from, TaskStatus to)
    {
        Assert.Equal([ReferralViolationCodes.TerminalReopened], Codes(Closed(from), Closed(to)));
    }

    [Theory]
    [InlineData(TaskStatus.Ready)]
    [InlineData(TaskStatus.Received)]
    public void ECM_CLR_ready_and_received_are_not_referral_statuses(TaskStatus status)
    {
        Assert.Equal([ReferralViolationCodes.StatusNotAllowed], Codes(Referral(TaskStatus.Requested), Referral(status)));
        Assert.Equal([ReferralViolationCodes.StatusNotAllowed], Codes(null, Referral(status)));
    }

    [Fact]
    public void ECM_CLR_a_missing_status_is_a_violation()
    {
        Assert.Equal([ReferralViolationCodes.StatusMissing], Codes(null, Referral(null)));
    }

    [Theory]
    [InlineData(TaskStatus.Draft)]
    [InlineData(TaskStatus.Requested)]
    [InlineData(TaskStatus.Accepted)]
    [InlineData(TaskStatus.InProgress)]
    [InlineData(TaskStatus.OnHold)]
    [InlineData(TaskStatus.EnteredInError)]
    public void ECM_CLR_a_new_referral_may_arrive_in_any_open_status_as_a_migration_sends_it(TaskStatus status)
    {
        Assert.Empty(Codes(null, Referral(status)));
    }

    [Theory]
    [InlineData(TaskStatus.Completed)]
    [InlineData(TaskStatus.Rejected)]
    [InlineData(TaskStatus.Cancelled)]
    [InlineData(TaskStatus.Failed)]
    public void ECM_CLR_created_closed_is_allowed_only_with_a_closure_reason(TaskStatus status)
    {
        Assert.Empty(Codes(null, Closed(status)));
        Assert.Equal([ReferralViolationCodes.ClosureReasonMissing], Codes(null, Referral(status)));
    }

    [Fact]
    public void ECM_CLR_closing_without_statusReason_is_a_violation_on_Task_statusReason()
    {
        var violation = Assert.Single(ReferralWorkflow.Check(Referral(TaskStatus.InProgress), Referral(TaskStatus.Completed)));

        Assert.Equal(ReferralViolationCodes.ClosureReasonMissing, violation.Code);
        Assert.Equal("Task.statusReason", violation.Expression);
        Assert.Contains(RuleIds.EcmClosedLoopReferral, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_CLR_closing_with_a_code_outside_hh_referral_closure_or_without_text_is_a_violation()
    {
        var foreign = Referral(TaskStatus.Failed, "unable", "Could not reach", "http://example.org/other");
        var noText = Referral(TaskStatus.Failed, "member-unable-to-reach");
        var textOnly = Referral(TaskStatus.Failed, null, "Could not reach");

        Assert.Equal([ReferralViolationCodes.ClosureReasonCodeInvalid], Codes(Referral(TaskStatus.InProgress), foreign));
        Assert.Equal([ReferralViolationCodes.ClosureReasonTextMissing], Codes(Referral(TaskStatus.InProgress), noText));
        Assert.Equal([ReferralViolationCodes.ClosureReasonCodeInvalid], Codes(Referral(TaskStatus.InProgress), textOnly));
        Assert.Equal("Task.statusReason.text", ReferralWorkflow.Check(Referral(TaskStatus.InProgress), noText)[0].Expression);
    }

    [Fact]
    public void ECM_CLR_a_task_that_is_not_a_referral_is_not_checked()
    {
        var other = new FhirTask { Status = TaskStatus.Completed, Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, ProgramCodes.OutreachAttempt) };

        Assert.Empty(ReferralWorkflow.Check(null, other));
    }
}
