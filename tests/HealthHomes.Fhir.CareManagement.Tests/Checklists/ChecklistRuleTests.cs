using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Deadlines.Checklists;
using HealthHomes.Fhir.CareManagement.Tests.Engagement;

namespace HealthHomes.Fhir.CareManagement.Tests.Checklists;

public sealed class ChecklistRuleTests
{
    private static List<DeadlineResult> Run(IDeadlineRule rule, OutreachRecordBuilder builder, string asOf) =>
        [.. rule.Evaluate(builder.Build(), builder.Context(asOf))];

    [Fact]
    public void ChecklistRules_All_lists_the_five_checklist_rules_as_warnings()
    {
        Assert.Equal(
            [RuleIds.KsCl1, RuleIds.KsCl2, RuleIds.KsCl3SevenDays, RuleIds.KsCl3Alternate, RuleIds.KsCl4],
            ChecklistRules.All.SelectMany(r => r.RuleIds));
    }

    [Theory]
    [InlineData("2026-02-17 10:00", ComplianceState.Met)]     // day 7
    [InlineData("2026-02-18 10:00", ComplianceState.MetLate)] // day 8
    public void KS_CL3_7D_follow_up_call_on_day_7_met_on_day_8_met_late(string followUp, ComplianceState expected)
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "no-answer").Attempt(followUp, "reached-member");

        var first = Run(FollowUpCallWithin7Days.Instance, builder, "2026-02-20 12:00").Single();

        Assert.Equal(expected, first.State);
        Assert.Equal(RuleSeverity.Warning, first.Severity);
        Assert.Equal(["Task/a1"], first.StartEvidence);
        Assert.Equal(["Task/a2"], first.EndEvidence);
        Assert.Equal(new DateTimeOffset(2026, 2, 17, 23, 59, 59, 999, TimeSpan.FromHours(-6)), first.Due);
        Assert.Contains("no early-morning or evening call", first.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void KS_CL3_7D_without_follow_up_pending_through_day_7_missed_on_day_8_and_reports_the_early_call()
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-09 10:00", "no-answer").Attempt("2026-02-10 07:30", "no-answer");

        var onDay7 = Run(FollowUpCallWithin7Days.Instance, builder, "2026-02-17 23:59");
        var onDay8 = Run(FollowUpCallWithin7Days.Instance, builder, "2026-02-18 00:00");

        Assert.Equal([ComplianceState.Met, ComplianceState.AtRisk], onDay7.Select(r => r.State));
        Assert.Equal([ComplianceState.Met, ComplianceState.Missed], onDay8.Select(r => r.State));
        Assert.Contains("early-morning or evening call was made", onDay8[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void KS_CL3_7D_stops_once_the_alternate_methods_are_done()
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-09 10:00", "no-answer")
            .Attempt("2026-02-10 10:00", null, modality: "mail")
            .Attempt("2026-02-10 11:00", null, modality: "alternate-database-lookup")
            .Attempt("2026-02-10 12:00", null, modality: "pharmacy-or-provider-contact")
            .Attempt("2026-02-11 10:00", "no-answer");

        var results = Run(FollowUpCallWithin7Days.Instance, builder, "2026-03-01 12:00");

        var only = Assert.Single(results);
        Assert.Equal(ComplianceState.Met, only.State);
        Assert.Equal(["Task/a1"], only.StartEvidence);
        Assert.Equal(["Task/a4"], only.EndEvidence);
        Assert.Contains("alternate methods done", only.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-02-24 18:30", ComplianceState.Met)]     // on the promised day, after the promised time
    [InlineData("2026-02-25 08:00", ComplianceState.MetLate)] // the day after
    public void KS_CL4_callback_on_the_promised_day_met_the_day_after_met_late(string callback, ComplianceState expected)
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "scheduled-callback", callbackDue: "2026-02-24 10:00")
            .Attempt(callback, "no-answer");

        var result = Run(PromisedCallback.Instance, builder, "2026-03-01 12:00").Single();

        Assert.Equal(expected, result.State);
        Assert.Equal(RuleIds.KsCl4, result.Rule);
        Assert.Equal(["Task/a2"], result.EndEvidence);
    }

    [Fact]
    public void KS_CL4_callback_not_made_missed_after_the_promised_day_and_is_the_next_action()
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "scheduled-callback", callbackDue: "2026-02-24 10:00");

        Assert.Equal(ComplianceState.AtRisk, Run(PromisedCallback.Instance, builder, "2026-02-24 23:59").Single().State);
        Assert.Equal(ComplianceState.Missed, Run(PromisedCallback.Instance, builder, "2026-02-25 00:00").Single().State);
        var next = builder.Assess("2026-02-20 12:00").NextAction!;
        Assert.Equal(("callback", RuleIds.KsCl4), (next.Code, next.Rule));
        Assert.Equal(new DateTimeOffset(2026, 2, 24, 23, 59, 59, 999, TimeSpan.FromHours(-6)), next.Due);
    }

    [Theory]
    [InlineData("2026-02-10 23:00", ComplianceState.Met)]
    [InlineData("2026-02-11 08:00", ComplianceState.MetLate)]
    public void KS_CL1_all_steps_the_same_local_day_met_next_day_met_late(string lastStep, ComplianceState expected)
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "number-missing-or-disconnected")
            .Step("2026-02-10 10:15", "send-mailing")
            .Attempt("2026-02-10 10:30", null, modality: "alternate-database-lookup")
            .Step(lastStep, "contact-pharmacy-or-provider");

        var result = Run(InvalidContactChecklistRule.Checklist1, builder, "2026-02-12 12:00").Single();

        Assert.Equal(expected, result.State);
        Assert.Equal(["Task/a1"], result.StartEvidence);
        Assert.Equal(["Task/s1", "Task/a2", "Task/s2"], result.EndEvidence);
        Assert.Empty(Run(InvalidContactChecklistRule.Checklist2, builder, "2026-02-12 12:00"));
    }

    [Fact]
    public void KS_CL1_step_outstanding_missed_after_the_day_and_explained()
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "wrong-number").Step("2026-02-10 10:15", "send-mailing");

        var result = Run(InvalidContactChecklistRule.Checklist1, builder, "2026-02-11 00:00").Single();

        Assert.Equal(ComplianceState.Missed, result.State);
        Assert.Contains("check-alternate-database outstanding", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-02-16 09:00", ComplianceState.Met)]     // day 14
    [InlineData("2026-02-17 09:00", ComplianceState.MetLate)] // day 15
    public void KS_CL3_ALT_alternates_done_by_day_14_met_day_15_met_late(string lastAlternate, ComplianceState expected)
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-02 10:00", "no-answer")
            .Step("2026-02-09 10:00", "send-mailing")
            .Step("2026-02-10 10:00", "check-alternate-database")
            .Step(lastAlternate, "contact-pharmacy-or-provider");

        var result = Run(AlternateMethodsAfter7Days.Instance, builder, "2026-02-20 12:00").Single();

        Assert.Equal(expected, result.State);
        Assert.Equal(new DateTimeOffset(2026, 2, 9, 0, 0, 0, TimeSpan.FromHours(-6)), result.Start);
        Assert.Equal(new DateTimeOffset(2026, 2, 16, 23, 59, 59, 999, TimeSpan.FromHours(-6)), result.Due);
    }

    [Fact]
    public void KS_CL3_ALT_clock_starts_on_day_7_not_day_6_and_not_when_contact_was_made_first()
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-02 10:00", "no-answer");
        var contacted = OutreachRecordBuilder.KsHh().Attempt("2026-02-02 10:00", "no-answer").Attempt("2026-02-05 10:00", "reached-member");

        Assert.Empty(Run(AlternateMethodsAfter7Days.Instance, builder, "2026-02-08 23:59"));
        Assert.Equal(ComplianceState.AtRisk, Run(AlternateMethodsAfter7Days.Instance, builder, "2026-02-09 00:00").Single().State);
        Assert.Empty(Run(AlternateMethodsAfter7Days.Instance, contacted, "2026-02-20 12:00"));
    }

    [Fact]
    public void Checklist_rules_skip_ecm_enrollments()
    {
        var builder = OutreachRecordBuilder.Ecm().Attempt("2026-02-10 10:00", "wrong-number").Attempt("2026-02-11 10:00", "no-answer", phone: "555-0199");

        Assert.Empty(ChecklistRules.All.SelectMany(r => r.Evaluate(builder.Build(), builder.Context("2026-03-30 12:00"))));
    }
}
