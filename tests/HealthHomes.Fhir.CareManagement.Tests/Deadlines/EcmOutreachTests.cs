using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Tests.Deadlines.Fhir;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Tests.Deadlines;

public sealed class EcmOutreachTests
{
    // Provider list received Mon 2026-02-02 (Los Angeles); window through Wed 2026-03-04.
    private static MemberRecord WithAttempts(params FhirTask[] attempts) => Record(
        [EcmEnrollment("2026-01-26")],
        tasks: attempts,
        communications: [Notice("list", ProgramCodes.ProviderAssignmentNotification, "2026-02-02T09:00:00-08:00")]);

    private static DeadlineResult TwoX(MemberRecord record, string asOf = "2026-02-20T12:00:00-08:00") =>
        TwoOutreachAttemptsWithin30Days.EvaluateEnrollment(record, record.Enrollments()[0], Context(asOf));

    [Fact]
    public void ECM_OUT_2X_same_weekday_different_time_of_day_is_not_met()
    {
        var result = TwoX(WithAttempts(Attempt("a1", "2026-02-02T08:00:00-08:00"), Attempt("a2", "2026-02-09T10:00:00-08:00")));

        Assert.Equal(ComplianceState.Pending, result.State);
        Assert.Empty(result.EndEvidence);
    }

    [Fact]
    public void ECM_OUT_2X_different_weekday_same_time_of_day_is_not_met() =>
        Assert.Equal(ComplianceState.Pending, TwoX(WithAttempts(Attempt("a1", "2026-02-02T10:00:00-08:00"), Attempt("a2", "2026-02-03T16:59:00-08:00"))).State);

    [Fact]
    public void ECM_OUT_2X_0859_Monday_and_0900_Tuesday_differ_in_both_and_are_met()
    {
        var result = TwoX(WithAttempts(Attempt("a1", "2026-02-02T08:59:00-08:00"), Attempt("a2", "2026-02-03T09:00:00-08:00")));

        Assert.Equal(ComplianceState.Met, result.State);
        Assert.Equal(["Task/a1", "Task/a2"], result.EndEvidence);
        Assert.Equal(["Communication/list"], result.StartEvidence);
        Assert.Equal(At("2026-02-03T09:00:00-08:00"), result.Completed);
    }

    [Fact]
    public void ECM_OUT_2X_1659_and_1700_on_different_days_are_daytime_and_evening_and_met() =>
        Assert.Equal(ComplianceState.Met, TwoX(WithAttempts(Attempt("a1", "2026-02-04T16:59:00-08:00"), Attempt("a2", "2026-02-05T17:00:00-08:00"))).State);

    [Fact]
    public void ECM_OUT_2X_the_earliest_qualifying_second_attempt_is_reported_with_its_partner()
    {
        var result = TwoX(WithAttempts(
            Attempt("a1", "2026-02-02T10:00:00-08:00"),
            Attempt("a2", "2026-02-03T10:30:00-08:00"),
            Attempt("a3", "2026-02-04T18:00:00-08:00")));

        Assert.Equal(["Task/a1", "Task/a3"], result.EndEvidence);
    }

    [Fact]
    public void ECM_OUT_2X_an_attempt_at_2330_Pacific_is_that_local_day_and_evening()
    {
        // 2026-02-03T07:30Z is Mon 2026-02-02 23:30 in Los Angeles: the same weekday as Mon 2026-02-09 10:00, so not met.
        // (Read in UTC it would be Tuesday early morning, and the pair would wrongly count.)
        var result = TwoX(WithAttempts(Attempt("a1", "2026-02-03T07:30:00Z"), Attempt("a2", "2026-02-09T10:00:00-08:00")));

        Assert.Equal(ComplianceState.Pending, result.State);
        Assert.Contains("Monday evening", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_OUT_2X_no_qualifying_pair_by_day_30_is_missed() =>
        Assert.Equal(ComplianceState.Missed, TwoX(WithAttempts(Attempt("a1", "2026-02-02T10:00:00-08:00")), "2026-03-05T00:00:01-08:00").State);

    [Fact]
    public void ECM_OUT_30D_first_attempt_on_day_30_is_met_and_is_a_warning()
    {
        var result = Single(new InitialOutreachWithin30Days().Evaluate(WithAttempts(Attempt("a1", "2026-03-04T20:00:00-08:00")), Context("2026-04-01T00:00:00Z")));

        Assert.Equal(ComplianceState.Met, result.State);
        Assert.Equal(RuleSeverity.Warning, result.Severity);
        Assert.Equal(["Task/a1"], result.EndEvidence);
    }

    [Fact]
    public void ECM_OUT_30D_without_a_provider_notification_counts_from_the_enrollment_start_and_says_so()
    {
        var record = Record([EcmEnrollment("2026-01-26")], tasks: [Attempt("a1", "2026-02-26T10:00:00-08:00")]);

        var result = Single(new InitialOutreachWithin30Days().Evaluate(record, Context("2026-04-01T00:00:00Z")));

        Assert.Equal(ComplianceState.MetLate, result.State);
        Assert.Equal(["EpisodeOfCare/e1"], result.StartEvidence);
        Assert.Contains("no provider assignment notification", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, ComplianceState.Met)]
    [InlineData(false, ComplianceState.Missed)]
    [InlineData(null, ComplianceState.Missed)]
    public void ECM_OUT_INFORM_reads_informed_of_rights_on_the_first_contact(bool? informed, ComplianceState expected)
    {
        var record = WithAttempts(
            Attempt("a1", "2026-02-02T10:00:00-08:00"),
            Attempt("a2", "2026-02-03T10:00:00-08:00", OutcomeCodes.ReachedMember, informed),
            Attempt("a3", "2026-02-04T10:00:00-08:00", OutcomeCodes.AgreedToEngage, true));

        var result = Single(new InformedOfRightsAtFirstContact().Evaluate(record, Context("2026-03-01T00:00:00Z")));

        Assert.Equal(expected, result.State);
        Assert.Equal(["Task/a2"], result.StartEvidence);
    }

    [Fact]
    public void ECM_OUT_INFORM_without_contact_is_not_applicable() =>
        Assert.Equal(ComplianceState.NotApplicable,
            Single(new InformedOfRightsAtFirstContact().Evaluate(WithAttempts(Attempt("a1", "2026-02-02T10:00:00-08:00")), Context("2026-03-01T00:00:00Z"))).State);

    [Fact]
    public void ECM_LCM_met_by_careManager_or_a_lead_care_manager_participant_and_missed_without()
    {
        var withManager = EcmEnrollment("2026-01-26");
        withManager.CareManager = new ResourceReference("Practitioner/lcm");
        var team = new CareTeam
        {
            Id = "t1",
            Status = CareTeam.CareTeamStatus.Active,
            Participant = [new() { Role = [new CodeableConcept(ProgramCodes.CareTeamRoleSystem, ProgramCodes.LeadCareManager)], Member = new ResourceReference("Practitioner/x") }],
        };
        var rule = new LeadCareManagerAssigned();
        var asOf = Context("2026-03-01T00:00:00Z");

        Assert.Equal(ComplianceState.Met, Single(rule.Evaluate(Record([withManager]), asOf)).State);
        var byTeam = Single(rule.Evaluate(Record([EcmEnrollment("2026-01-26")], careTeams: [team]), asOf));
        Assert.Equal(ComplianceState.Met, byTeam.State);
        Assert.Equal(["CareTeam/t1"], byTeam.EndEvidence);
        Assert.Equal(ComplianceState.Missed, Single(rule.Evaluate(Record([EcmEnrollment("2026-01-26")]), asOf)).State);
    }
}
