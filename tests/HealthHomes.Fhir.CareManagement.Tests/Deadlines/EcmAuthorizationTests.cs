using HealthHomes.Fhir.CareManagement.Deadlines;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Tests.Deadlines.Fhir;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Tests.Deadlines;

public sealed class EcmAuthorizationTests
{
    private static DeadlineResult Eligibility(FhirTask review, string asOf = "2027-01-01T00:00:00Z") =>
        Single(DeadlineRules.Evaluate(Record(tasks: [review]), Context(asOf))
            .Where(r => r.Rules.Contains(RuleIds.EcmEligibility5BusinessDays) || r.Rules.Contains(RuleIds.EcmEligibility72Hours)));

    private static FhirTask Review(string received, FhirTask.TaskStatus status = FhirTask.TaskStatus.Requested, RequestPriority? priority = RequestPriority.Routine, string? decided = null) =>
        Task("r1", ProgramCodes.EcmEligibilityReview, received, status, priority, executionEnd: decided);

    [Theory]
    [InlineData("2026-01-12T15:59:00-08:00", ComplianceState.Met)]
    [InlineData("2026-01-12T16:01:00-08:00", ComplianceState.MetLate)]
    public void ECM_ELIG_72H_expedited_72_hours_run_over_the_weekend_from_Friday_1600(string decided, ComplianceState expected)
    {
        var result = Eligibility(Review("2026-01-09T16:00:00-08:00", FhirTask.TaskStatus.Completed, RequestPriority.Urgent, decided));

        Assert.Equal([RuleIds.EcmEligibility72Hours], result.Rules);
        Assert.Equal(At("2026-01-12T16:00:00-08:00"), result.Due);
        Assert.Equal(expected, result.State);
    }

    [Fact]
    public void ECM_ELIG_5BD_reference_example_Wed_2025_11_26_is_due_Fri_12_05_with_no_federal_cap_before_2026()
    {
        var result = Eligibility(Review("2025-11-26T10:00:00-08:00", FhirTask.TaskStatus.Rejected, decided: "2025-12-04T10:00:00-08:00"));

        Assert.Equal([RuleIds.EcmEligibility5BusinessDays], result.Rules);
        Assert.Equal(new DateTimeOffset(2025, 12, 5, 23, 59, 59, 999, TimeSpan.FromHours(-8)), result.Due);
        Assert.Equal(ComplianceState.Met, result.State);
        Assert.Contains("denied", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_ELIG_5BD_Thanksgiving_2026_the_federal_7_day_cap_binds_first()
    {
        // Wed 2026-11-25: 5 CA business days skip Thu 26 and Fri 27 -> Fri 12-04; 7 calendar days -> Wed 12-02.
        var result = Eligibility(Review("2026-11-25T10:00:00-08:00", FhirTask.TaskStatus.Completed, decided: "2026-12-03T10:00:00-08:00"));

        Assert.Equal([RuleIds.FederalPriorAuthorization7Days, RuleIds.EcmEligibility5BusinessDays], result.Rules);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 23, 59, 59, 999, TimeSpan.FromHours(-8)), result.Due);
        Assert.Equal(ComplianceState.MetLate, result.State);
        Assert.Contains("2026-12-04", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_ELIG_5BD_received_on_a_Saturday_in_2026_binds_before_the_federal_cap()
    {
        // Sat 2026-02-07: 5 business days -> Fri 02-13; 7 calendar days -> Sat 02-14.
        var result = Eligibility(Review("2026-02-07T10:00:00-08:00"), "2026-02-10T12:00:00-08:00");

        Assert.Equal([RuleIds.EcmEligibility5BusinessDays, RuleIds.FederalPriorAuthorization7Days], result.Rules);
        Assert.Equal(new DateOnly(2026, 2, 13), DateOnly.FromDateTime(result.Due!.Value.DateTime));
        Assert.Equal(ComplianceState.AtRisk, result.State);
    }

    [Fact]
    public void ECM_ELIG_5BD_filter_by_rule_ID_finds_results_the_federal_cap_binds()
    {
        var record = Record(tasks: [Review("2026-11-25T10:00:00-08:00")]);

        Assert.Single(DeadlineRules.Evaluate(record, Context("2026-12-10T00:00:00Z"), RuleIds.EcmEligibility5BusinessDays));
        Assert.Single(DeadlineRules.Evaluate(record, Context("2026-12-10T00:00:00Z"), RuleIds.FederalPriorAuthorization7Days));
        Assert.Empty(DeadlineRules.Evaluate(record, Context("2026-12-10T00:00:00Z"), RuleIds.EcmEligibility72Hours));
    }

    private static DeadlineResult Authorization(string? start, string? end, string asOf = "2026-06-01T00:00:00Z") =>
        Single(new AuthorizationFor12Months().Evaluate(Record([EcmEnrollment("2026-01-20", authorizationStart: start, authorizationEnd: end)]), Context(asOf)));

    [Fact]
    public void ECM_AUTH_12M_a_period_through_start_plus_12_months_minus_1_day_is_met()
    {
        var result = Authorization("2026-01-15", "2027-01-14");

        Assert.Equal(ComplianceState.Met, result.State);
        Assert.Contains("2027-01-14", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_AUTH_12M_a_period_one_day_short_is_missed() =>
        Assert.Equal(ComplianceState.Missed, Authorization("2026-01-15", "2027-01-13").State);

    [Fact]
    public void ECM_AUTH_12M_without_an_end_is_pending_and_without_a_period_not_applicable()
    {
        Assert.Equal(ComplianceState.Pending, Authorization("2026-01-15", null).State);
        Assert.Equal(ComplianceState.NotApplicable, Authorization(null, null).State);
    }

    // Authorized Fri 2026-01-09: 10 CA business days skip two weekends and MLK Mon 01-19 -> Mon 01-26.
    [Theory]
    [InlineData("2026-01-26", ComplianceState.Met)]
    [InlineData("2026-01-27", ComplianceState.MetLate)]
    public void ECM_ASSIGN_10BD_window_includes_a_holiday_and_weekends(string assigned, ComplianceState expected)
    {
        var result = Single(new AssignmentWithin10BusinessDays().Evaluate(Record([EcmEnrollment(assigned, authorizationStart: "2026-01-09")]), Context("2026-03-01T00:00:00Z")));

        Assert.Equal(expected, result.State);
        Assert.Equal(new DateOnly(2026, 1, 26), DateOnly.FromDateTime(result.Due!.Value.DateTime));
    }

    [Fact]
    public void ECM_ASSIGN_10BD_without_a_managing_organization_is_missed_after_the_due_day() =>
        Assert.Equal(ComplianceState.Missed, Single(new AssignmentWithin10BusinessDays().Evaluate(
            Record([EcmEnrollment("2026-01-12", organization: null, authorizationStart: "2026-01-09")]), Context("2026-01-27T08:00:00-08:00"))).State);

    [Fact]
    public void ECM_PCP_10BD_a_notice_in_preparation_is_not_sent_a_completed_one_is()
    {
        var episode = EcmEnrollment("2026-01-20", authorizationStart: "2026-01-09");
        var rule = new PcpNotifiedWithin10BusinessDays();
        var asOf = Context("2026-01-22T12:00:00-08:00");

        var preparing = Single(rule.Evaluate(Record([episode], communications: [Notice("n1", ProgramCodes.PcpAssignmentNotification, null, EventStatus.Preparation)]), asOf));
        var sent = Single(rule.Evaluate(Record([episode], communications: [Notice("n1", ProgramCodes.PcpAssignmentNotification, "2026-01-21T10:00:00-08:00")]), asOf));

        Assert.Equal(ComplianceState.AtRisk, preparing.State);
        Assert.Equal(ComplianceState.Met, sent.State);
        Assert.Equal(["Communication/n1"], sent.EndEvidence);
    }

    [Theory]
    [InlineData("2026-02-09T17:00:00-08:00", ComplianceState.Met)]
    [InlineData("2026-02-10T08:00:00-08:00", ComplianceState.MetLate)]
    public void ECM_NOTIFY_WEEKLY_provider_notice_within_7_days_of_assignment(string sent, ComplianceState expected) =>
        Assert.Equal(expected, Single(new ProviderNotifiedWithin7Days().Evaluate(
            Record([EcmEnrollment("2026-02-02")], communications: [Notice("n1", ProgramCodes.ProviderAssignmentNotification, sent)]), Context("2026-03-01T00:00:00Z"))).State);

    [Fact]
    public void ECM_CHANGE_30D_met_only_with_the_change_and_both_notifications()
    {
        var change = Task("c1", ProgramCodes.EcmProviderChange, "2026-03-02T10:00:00-08:00", FhirTask.TaskStatus.Completed, executionEnd: "2026-03-20T10:00:00-07:00");
        Communication Note(string id, string to, string sent) => Notice(id, ProgramCodes.ProviderChangeNotification, sent, recipient: to, basedOn: "Task/c1");
        var rule = new ProviderChangeWithin30Days();
        var asOf = Context("2026-05-01T00:00:00Z");

        var both = Single(rule.Evaluate(Record(tasks: [change], communications: [Note("n1", "Organization/old", "2026-03-21T10:00:00-07:00"), Note("n2", "Organization/new", "2026-03-25T10:00:00-07:00")]), asOf));
        var one = Single(rule.Evaluate(Record(tasks: [change], communications: [Note("n1", "Organization/old", "2026-03-21T10:00:00-07:00")]), asOf));

        Assert.Equal(ComplianceState.Met, both.State);
        Assert.Equal(At("2026-03-25T10:00:00-07:00"), both.Completed);
        Assert.Equal(["Task/c1", "Communication/n1", "Communication/n2"], both.EndEvidence);
        Assert.Equal(ComplianceState.Missed, one.State);
        Assert.Contains("second provider change notification", one.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_PRIOR_90_met_at_the_later_of_assignment_and_first_attempt_missed_without_an_attempt()
    {
        var notification = Task("n1", ProgramCodes.PriorEcmNotification, "2026-03-02T10:00:00-08:00");
        var rule = new PriorEcmMemberWithin30Days();
        var asOf = Context("2026-05-01T00:00:00Z");

        var met = Single(rule.Evaluate(Record([EcmEnrollment("2026-03-10")], tasks: [notification, Attempt("a1", "2026-03-15T10:00:00-07:00")]), asOf));
        var missed = Single(rule.Evaluate(Record([EcmEnrollment("2026-03-10")], tasks: [notification]), asOf));

        Assert.Equal(ComplianceState.Met, met.State);
        Assert.Equal(At("2026-03-15T10:00:00-07:00"), met.Completed);
        Assert.Equal(["EpisodeOfCare/e1", "Task/a1"], met.EndEvidence);
        Assert.Equal(ComplianceState.Missed, missed.State);
    }

    private static FhirTask Referral(FhirTask.TaskStatus status, string? lastModified = null, string version = "1", string? updated = null)
    {
        var task = Task("ref1", ProgramCodes.Referral, "2026-01-09T10:00:00-08:00", status, lastModified: lastModified);
        task.Meta = new Meta { VersionId = version, LastUpdated = updated is null ? null : At(updated) };
        return task;
    }

    [Fact]
    public void ECM_CLR_first_status_change_in_history_within_10_business_days_is_met()
    {
        var history = new Dictionary<string, IReadOnlyList<FhirTask>>
        {
            ["ref1"] = [Referral(FhirTask.TaskStatus.Requested, updated: "2026-01-09T10:00:00-08:00"),
                Referral(FhirTask.TaskStatus.Accepted, version: "2", updated: "2026-01-26T16:00:00-08:00"),
                Referral(FhirTask.TaskStatus.Completed, version: "3", updated: "2026-02-20T16:00:00-08:00")],
        };
        var current = Referral(FhirTask.TaskStatus.Completed, "2026-02-20T16:00:00-08:00", "3");
        current.StatusReason = new CodeableConcept(ProgramCodes.ReferralClosureSystem, "completed");

        var result = Single(new ReferralResponseWithinBusinessDays().Evaluate(Record(tasks: [current], history: history), Context("2026-03-01T00:00:00Z")));

        Assert.Equal(ComplianceState.Met, result.State);
        Assert.Equal(At("2026-01-26T16:00:00-08:00"), result.Completed);
        Assert.Contains("loop closed: completed", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_CLR_without_history_uses_lastModified_as_an_approximation_and_the_setting_shortens_the_window()
    {
        var record = Record(tasks: [Referral(FhirTask.TaskStatus.Accepted, "2026-01-14T10:00:00-08:00")]);

        var byDefault = Single(new ReferralResponseWithinBusinessDays().Evaluate(record, Context("2026-03-01T00:00:00Z")));
        var twoDays = Single(new ReferralResponseWithinBusinessDays().Evaluate(record, Context("2026-03-01T00:00:00Z", new CareManagementSettings { ReferralResponseBusinessDays = 2 })));

        Assert.Equal(ComplianceState.Met, byDefault.State);
        Assert.Contains("approximation", byDefault.Explanation, StringComparison.Ordinal);
        Assert.Equal(ComplianceState.MetLate, twoDays.State);
    }

    [Fact]
    public void ECM_CLR_a_referral_still_requested_after_10_business_days_is_missed() =>
        Assert.Equal(ComplianceState.Missed, Single(new ReferralResponseWithinBusinessDays().Evaluate(
            Record(tasks: [Referral(FhirTask.TaskStatus.Requested)]), Context("2026-01-27T08:00:00-08:00"))).State);

    [Fact]
    public void The_registry_lists_one_rule_per_ID_and_every_rule_ID_of_this_library()
    {
        string[] expected =
        [
            RuleIds.KsHap90, RuleIds.KsDischarge7, RuleIds.KsDischarge30, RuleIds.EcmEligibility5BusinessDays, RuleIds.EcmEligibility72Hours,
            RuleIds.EcmAuthorization12Months, RuleIds.EcmAssign10BusinessDays, RuleIds.EcmPcp10BusinessDays, RuleIds.EcmNotifyWeekly,
            RuleIds.EcmChange30Days, RuleIds.EcmPrior90, RuleIds.EcmOutreach30Days, RuleIds.EcmOutreachTwice, RuleIds.EcmOutreachInform,
            RuleIds.EcmLeadCareManager, RuleIds.EcmClosedLoopReferral,
        ];

        Assert.All(expected, id => Assert.Single(DeadlineRules.For(id)));
        Assert.Contains(RuleIds.KsHhpHie, DeadlineRules.RuleIds);
        Assert.Contains(RuleIds.FederalPriorAuthorization7Days, DeadlineRules.RuleIds);
    }
}
