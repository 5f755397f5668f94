using HealthHomes.Fhir.CareManagement.Engagement;

namespace HealthHomes.Fhir.CareManagement.Tests.Engagement;

public sealed class EngagementStatusTests
{
    [Fact]
    public void NotOutreached_with_no_attempt_ecm_first_outreach_due_day_30_ECM_OUT_30D()
    {
        var result = OutreachRecordBuilder.Ecm("2026-02-02").Assess("2026-02-05 12:00");

        Assert.Equal(EngagementStatus.NotOutreached, result.Status);
        Assert.Null(result.Checklist);
        Assert.Empty(result.Steps);
        Assert.Equal("outreach-attempt", result.NextAction!.Code);
        Assert.Equal(RuleIds.EcmOutreach30Days, result.NextAction.Rule);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 23, 59, 59, 999, TimeSpan.FromHours(-8)), result.NextAction.Due);
    }

    [Fact]
    public void OutreachInProgress_after_one_no_answer_call_checklist_3_applies()
    {
        var result = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "no-answer").Assess("2026-02-11 12:00");

        Assert.Equal(EngagementStatus.OutreachInProgress, result.Status);
        Assert.Equal("checklist-3", result.Checklist);
        Assert.Equal(["early-or-late-call", "follow-up-call-7d", "send-mailing", "check-alternate-database", "contact-pharmacy-or-provider"], result.Steps.Select(s => s.Code));
        Assert.All(result.Steps, s => Assert.False(s.Done));
        Assert.Equal([RuleIds.KsCl3SevenDays, RuleIds.KsCl3SevenDays, RuleIds.KsCl3Alternate, RuleIds.KsCl3Alternate, RuleIds.KsCl3Alternate], result.Steps.Select(s => s.Rule));
        Assert.Equal("early-or-late-call", result.NextAction!.Code);
        Assert.Equal(new DateTimeOffset(2026, 2, 17, 23, 59, 59, 999, TimeSpan.FromHours(-6)), result.NextAction.Due);
    }

    [Fact]
    public void ContactInfoInvalid_after_wrong_number_checklist_1_steps_due_same_day_KS_CL1()
    {
        var result = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "wrong-number")
            .Step("2026-02-10 10:30", "send-mailing")
            .Assess("2026-02-10 11:00");

        Assert.Equal(EngagementStatus.ContactInfoInvalid, result.Status);
        Assert.Equal("checklist-1", result.Checklist);
        Assert.Equal(["send-mailing", "check-alternate-database", "contact-pharmacy-or-provider"], result.Steps.Select(s => s.Code));
        Assert.Equal([true, false, false], result.Steps.Select(s => s.Done));
        Assert.Equal(["Task/s1"], result.Steps[0].Evidence);
        Assert.All(result.Steps, s => Assert.Equal(RuleIds.KsCl1, s.Rule));
        Assert.Equal("check-alternate-database", result.NextAction!.Code);
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 23, 59, 59, 999, TimeSpan.FromHours(-6)), result.NextAction.Due);
        Assert.Contains("Task/a1", result.Evidence);
    }

    [Fact]
    public void ContactInfoInvalid_after_address_not_found_checklist_2_KS_CL2()
    {
        var result = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "address-not-found", modality: "in-person-home", address: new Hl7.Fhir.Model.Address { Line = ["1 Main St"], City = "Wichita", PostalCode = "67214" })
            .Attempt("2026-02-10 11:00", null, modality: "alternate-database-lookup")
            .Assess("2026-02-10 12:00");

        Assert.Equal(EngagementStatus.ContactInfoInvalid, result.Status);
        Assert.Equal("checklist-2", result.Checklist);
        Assert.Equal([true, false], result.Steps.Select(s => s.Done));
        Assert.Equal(["Task/a2"], result.Steps[0].Evidence);
        Assert.Equal(RuleIds.KsCl2, result.NextAction!.Rule);
    }

    [Fact]
    public void ContactInfoInvalid_ends_when_a_later_attempt_on_a_different_number_does_not_fail_as_invalid()
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "wrong-number")
            .Attempt("2026-02-11 10:00", "no-answer", phone: "316-555-0111");

        Assert.Equal(EngagementStatus.OutreachInProgress, builder.Assess("2026-02-11 12:00").Status);
        Assert.Equal(EngagementStatus.ContactInfoInvalid, builder.Assess("2026-02-10 12:00").Status);
    }

    [Theory]
    [InlineData("2026-02-11", "2026-02-11 12:00", EngagementStatus.OutreachInProgress)]          // newer phone on the Patient: corrected
    [InlineData("2026-02-11", "2026-02-10 23:59", EngagementStatus.ContactInfoInvalid)]          // its period starts after asOf
    [InlineData("2026-02-09", "2026-02-11 12:00", EngagementStatus.ContactInfoInvalid)]          // older than the failed call
    [InlineData("2026-02-10T10:30:00-06:00", "2026-02-11 12:00", EngagementStatus.OutreachInProgress)]
    [InlineData("2026-02-10T09:30:00-06:00", "2026-02-11 12:00", EngagementStatus.ContactInfoInvalid)]
    public void ContactInfoInvalid_until_a_newer_phone_is_on_the_Patient(string phoneStart, string asOf, EngagementStatus expected)
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "wrong-number").NewPhone("316-555-0123", phoneStart);

        Assert.Equal(expected, builder.Assess(asOf).Status);
    }

    [Fact]
    public void ContactedNotEngaged_after_reaching_the_member_checklist_4()
    {
        var result = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "reached-member", step: "ask-send-information")
            .Assess("2026-02-11 12:00");

        Assert.Equal(EngagementStatus.ContactedNotEngaged, result.Status);
        Assert.Equal("checklist-4", result.Checklist);
        Assert.Equal(8, result.Steps.Count);
        Assert.True(result.Steps[0].Done);
        Assert.True(result.Steps.Single(s => s.Code == "opt-out-info-on-request").Conditional);
        Assert.All(result.Steps, s => Assert.Equal(RuleIds.KsCl4, s.Rule));
        Assert.Equal("ask-callback-timeframe", result.NextAction!.Code);
    }

    [Fact]
    public void Engaged_by_agreed_to_engage_without_a_HAP_next_completes_it_by_day_90_KS_HAP_90()
    {
        var result = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "reached-member")
            .Attempt("2026-02-12 10:00", "agreed-to-engage")
            .Assess("2026-02-12 12:00");

        Assert.Equal(EngagementStatus.Engaged, result.Status);
        Assert.Equal(["Task/a2"], result.Evidence);
        Assert.Equal("complete-health-action-plan", result.NextAction?.Code);
        Assert.Equal(RuleIds.KsHap90, result.NextAction?.Rule);
        Assert.Equal(new DateTimeOffset(2026, 5, 3, 23, 59, 59, 999, TimeSpan.FromHours(-5)), result.NextAction?.Due);
        Assert.Null(result.Checklist);
    }

    [Fact]
    public void Engaged_with_an_active_HAP_has_no_next_action()
    {
        var result = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-12 10:00", "agreed-to-engage")
            .Plan("2026-02-20 09:00")
            .Assess("2026-02-21 12:00");

        Assert.Equal(EngagementStatus.Engaged, result.Status);
        Assert.Null(result.NextAction);
    }

    [Fact]
    public void Engaged_by_active_HAP_created_on_or_before_asOf_not_after()
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "no-answer").Plan("2026-02-20 09:00");

        Assert.Equal(EngagementStatus.Engaged, builder.Assess("2026-02-20 09:00").Status);
        Assert.Equal(EngagementStatus.OutreachInProgress, builder.Assess("2026-02-20 08:59").Status);
    }

    [Fact]
    public void Declined_by_active_opt_out_consent_dated_on_or_before_asOf()
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "no-answer").OptOut("2026-02-15 09:00");

        var result = builder.Assess("2026-02-15 09:00");

        Assert.Equal(EngagementStatus.Declined, result.Status);
        Assert.Equal(["Consent/optout1"], result.Evidence);
        Assert.Null(result.NextAction);
        Assert.Equal(EngagementStatus.OutreachInProgress, builder.Assess("2026-02-15 08:59").Status);
    }

    [Fact]
    public void Declined_beats_contacted_when_the_latest_contact_declined()
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "reached-member")
            .Attempt("2026-02-12 10:00", "declined");

        Assert.Equal(EngagementStatus.Declined, builder.Assess("2026-02-12 12:00").Status);
        Assert.Equal(EngagementStatus.ContactedNotEngaged, builder.Assess("2026-02-11 12:00").Status);
    }

    [Fact]
    public void Disenrolled_beats_declined_and_engaged_and_names_the_reason()
    {
        var result = OutreachRecordBuilder.Ecm()
            .Attempt("2026-02-10 10:00", "agreed-to-engage")
            .OptOut("2026-02-11 10:00")
            .Ended("2026-03-01 00:00", "c")
            .Assess("2026-03-02 12:00");

        Assert.Equal(EngagementStatus.Disenrolled, result.Status);
        Assert.Contains("'c'", result.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["EpisodeOfCare/e1"], result.Evidence);
        Assert.Null(result.NextAction);
    }

    [Fact]
    public void Disenrolled_only_once_the_period_end_is_reached_as_of()
    {
        var builder = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "no-answer").Ended("2026-03-01 00:00", null);

        Assert.Equal(EngagementStatus.OutreachInProgress, builder.Assess("2026-02-28 23:59").Status);
        Assert.Equal(EngagementStatus.Disenrolled, builder.Assess("2026-03-01 00:00").Status);
    }

    [Fact]
    public void A_record_dated_after_asOf_is_ignored_status_not_outreached()
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "reached-member")
            .Step("2026-02-10 10:05", "ask-send-information");

        var before = builder.Assess("2026-02-10 09:59");

        Assert.Equal(EngagementStatus.NotOutreached, before.Status);
        Assert.Equal(0, before.Attempts.Total);
        Assert.Equal(EngagementStatus.ContactedNotEngaged, builder.Assess("2026-02-10 10:00").Status);
    }
}
