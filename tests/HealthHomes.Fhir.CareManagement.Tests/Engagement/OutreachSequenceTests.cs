using HealthHomes.Fhir.CareManagement.Engagement;

namespace HealthHomes.Fhir.CareManagement.Tests.Engagement;

/// <summary>
/// The member with a wrong number: checklist 1 on the first call (2026-02-03), a corrected phone on the Patient from
/// 2026-02-04, checklist 3 from the first failed call on it (2026-02-05, day 0), an early call, a follow-up within 7
/// days, then the alternate methods: unable-to-reach on day 8.
/// </summary>
public sealed class OutreachSequenceTests
{
    private static OutreachRecordBuilder WrongNumberMember() => OutreachRecordBuilder.KsHh("2026-02-02")
        .Attempt("2026-02-03 10:00", "wrong-number")
        .Step("2026-02-03 11:00", "send-mailing")
        .Step("2026-02-03 11:10", "check-alternate-database")
        .Step("2026-02-03 11:20", "contact-pharmacy-or-provider")
        .NewPhone("316-555-0123", "2026-02-04")
        .Attempt("2026-02-05 10:00", "no-answer", phone: "316-555-0123")
        .Attempt("2026-02-06 07:45", "no-answer", phone: "316-555-0123")
        .Attempt("2026-02-12 18:00", "voicemail-left", phone: "316-555-0123")
        .Step("2026-02-12 18:30", "send-mailing")
        .Step("2026-02-13 09:00", "check-alternate-database")
        .Attempt("2026-02-13 10:00", null, modality: "pharmacy-or-provider-contact");

    [Fact]
    public void Wrong_number_call_contact_info_invalid_checklist_1_before_its_steps()
    {
        var result = WrongNumberMember().Assess("2026-02-03 10:30");

        Assert.Equal(EngagementStatus.ContactInfoInvalid, result.Status);
        Assert.Equal("checklist-1", result.Checklist);
        Assert.All(result.Steps, s => Assert.False(s.Done));
        Assert.Equal("send-mailing", result.NextAction!.Code);
    }

    [Fact]
    public void Corrected_phone_then_failed_calls_outreach_in_progress_checklist_3_follow_up_due_7_days_after_last_failed_call()
    {
        var result = WrongNumberMember().Assess("2026-02-06 12:00");

        Assert.Equal(EngagementStatus.OutreachInProgress, result.Status);
        Assert.Equal("checklist-3", result.Checklist);
        Assert.Equal([true, true, false, false, false], result.Steps.Select(s => s.Done));
        Assert.Equal(["Task/a3"], result.Steps[0].Evidence);
        Assert.Equal("follow-up-call-7d", result.NextAction!.Code);
        Assert.Equal(RuleIds.KsCl3SevenDays, result.NextAction.Rule);
        Assert.Equal(new DateTimeOffset(2026, 2, 13, 23, 59, 59, 999, TimeSpan.FromHours(-6)), result.NextAction.Due);
    }

    [Fact]
    public void Day_7_of_checklist_3_next_action_is_the_alternate_methods_due_day_14_KS_CL3_ALT()
    {
        var result = WrongNumberMember().Assess("2026-02-12 12:00");

        Assert.Equal(EngagementStatus.OutreachInProgress, result.Status);
        Assert.Equal("send-mailing", result.NextAction!.Code);
        Assert.Equal(RuleIds.KsCl3Alternate, result.NextAction.Rule);
        Assert.Equal(new DateTimeOffset(2026, 2, 19, 23, 59, 59, 999, TimeSpan.FromHours(-6)), result.NextAction.Due);
    }

    [Fact]
    public void Day_8_with_alternates_done_unable_to_reach_and_outreach_payment_applies()
    {
        var result = WrongNumberMember().Assess("2026-02-13 12:00");

        Assert.Equal(EngagementStatus.UnableToReach, result.Status);
        Assert.Equal("checklist-3", result.Checklist);
        Assert.All(result.Steps, s => Assert.True(s.Done));
        Assert.Equal(["Task/a2", "Task/s4", "Task/s5", "Task/a5"], result.Evidence);
        Assert.True(result.OutreachPaymentEligible);
        Assert.False(result.PanelRemovalAllowed);
    }

    [Fact]
    public void Day_8_with_an_alternate_outstanding_stays_outreach_in_progress()
    {
        var builder = OutreachRecordBuilder.KsHh("2026-02-02")
            .Attempt("2026-02-05 10:00", "no-answer")
            .Step("2026-02-12 18:30", "send-mailing")
            .Step("2026-02-13 09:00", "check-alternate-database");

        var result = builder.Assess("2026-02-13 12:00");

        Assert.Equal(EngagementStatus.OutreachInProgress, result.Status);
        Assert.Equal("contact-pharmacy-or-provider", result.NextAction!.Code);
    }

    [Theory]
    [InlineData("2026-02-12 23:59", EngagementStatus.OutreachInProgress)] // day 7
    [InlineData("2026-02-13 00:00", EngagementStatus.UnableToReach)]      // day 8
    public void Ks_unable_to_reach_only_more_than_7_days_after_the_first_failed_attempt(string asOf, EngagementStatus expected)
    {
        var builder = OutreachRecordBuilder.KsHh("2026-02-02")
            .Attempt("2026-02-05 10:00", "no-answer")
            .Attempt("2026-02-06 10:00", null, modality: "mail")
            .Attempt("2026-02-06 11:00", null, modality: "alternate-database-lookup")
            .Attempt("2026-02-06 12:00", null, modality: "pharmacy-or-provider-contact");

        Assert.Equal(expected, builder.Assess(asOf).Status);
    }

    [Theory]
    [InlineData("2026-02-12 10:00", true)]  // day 7 after the failed call
    [InlineData("2026-02-13 10:00", false)] // day 8
    public void Follow_up_call_step_done_by_a_call_within_7_days_of_the_failed_one_KS_CL3_7D(string followUp, bool done)
    {
        var result = OutreachRecordBuilder.KsHh("2026-02-02")
            .Attempt("2026-02-05 10:00", "no-answer")
            .Attempt(followUp, "no-answer")
            .Assess("2026-02-13 12:00");

        Assert.Equal(done, result.Steps.Single(s => s.Code == "follow-up-call-7d").Done);
    }

    [Fact]
    public void Ecm_unable_to_reach_at_day_30_after_first_attempt_not_day_29()
    {
        var builder = OutreachRecordBuilder.Ecm("2026-02-02")
            .Attempt("2026-02-03 08:30", "no-answer")
            .Attempt("2026-02-05 14:00", "no-answer")
            .Attempt("2026-02-10 18:00", "voicemail-left");

        Assert.Equal(EngagementStatus.UnableToReach, builder.Assess("2026-03-05 00:00").Status);
        Assert.Equal(EngagementStatus.OutreachInProgress, builder.Assess("2026-03-04 23:59").Status);
        Assert.Equal(EngagementStatus.OutreachInProgress, builder.Assess("2026-03-05 00:00", new CareManagementSettings { UnableToReachMinimumAttempts = 4 }).Status);
        Assert.Equal("consider-disenrollment", builder.Assess("2026-03-05 00:00").NextAction!.Code);
    }

    [Fact]
    public void Ecm_without_the_2x_pattern_next_action_names_the_weekday_and_bucket_to_differ_ECM_OUT_2X()
    {
        var builder = OutreachRecordBuilder.Ecm("2026-02-02")
            .Attempt("2026-02-03 10:00", "no-answer")
            .Attempt("2026-02-05 11:00", "no-answer")
            .Attempt("2026-02-10 09:30", "no-answer");

        var result = builder.Assess("2026-03-10 12:00");

        Assert.Equal(EngagementStatus.OutreachInProgress, result.Status);
        Assert.Null(result.Checklist);
        Assert.Equal(RuleIds.EcmOutreachTwice, result.NextAction!.Rule);
        Assert.Contains("not a tuesday and not daytime", result.NextAction.Explanation, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 23, 59, 59, 999, TimeSpan.FromHours(-8)), result.NextAction.Due);
    }
}
