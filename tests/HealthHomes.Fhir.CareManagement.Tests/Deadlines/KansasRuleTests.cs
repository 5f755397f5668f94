using HealthHomes.Fhir.CareManagement.Deadlines;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Tests.Deadlines.Fhir;

namespace HealthHomes.Fhir.CareManagement.Tests.Deadlines;

public sealed class KansasRuleTests
{
    // Enrolled Mon 2026-01-05 (Chicago): day 90 is Sun 2026-04-05.
    private static DeadlineResult EvaluateHap(string asOf, params CarePlan[] plans) => Single(new HapWithin90Days().Evaluate(
        Record([Enrollment(ProgramCodes.KsHealthHomes, "2026-01-05T10:00:00-06:00")], carePlans: plans), Context(asOf)));

    [Fact]
    public void KS_HAP_90_a_HAP_completed_on_day_89_is_met() =>
        Assert.Equal(ComplianceState.Met, EvaluateHap("2026-06-01T00:00:00Z", Hap("h1", RequestStatus.Active, "2026-04-04T12:00:00-05:00")).State);

    [Fact]
    public void KS_HAP_90_a_HAP_completed_late_on_day_90_is_met_and_due_carries_CDT()
    {
        var result = EvaluateHap("2026-06-01T00:00:00Z", Hap("h1", RequestStatus.Completed, "2026-04-06T09:00:00-05:00", completionDate: "2026-04-05T23:30:00-05:00"));

        Assert.Equal(ComplianceState.Met, result.State);
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 23, 59, 59, 999, TimeSpan.FromHours(-5)), result.Due);
        Assert.Equal(TimeSpan.FromHours(-6), result.Start!.Value.Offset);
        Assert.Equal(["EpisodeOfCare/e1"], result.StartEvidence);
        Assert.Equal(["CarePlan/h1"], result.EndEvidence);
        Assert.Equal(RuleIds.KsHap90, result.Rule);
    }

    [Fact]
    public void KS_HAP_90_a_HAP_completed_on_day_91_is_met_late() =>
        Assert.Equal(ComplianceState.MetLate, EvaluateHap("2026-06-01T00:00:00Z", Hap("h1", RequestStatus.Active, "2026-04-06T00:10:00-05:00")).State);

    [Theory]
    [InlineData("2026-04-05", ComplianceState.NotApplicable)]
    [InlineData("2026-04-06", ComplianceState.Missed)]
    public void KS_HAP_90_a_refusal_by_day_90_ends_the_obligation_one_on_day_91_does_not(string refused, ComplianceState expected)
    {
        var refusal = new Consent
        {
            Id = "c1",
            Status = Consent.ConsentState.Active,
            Category = [new CodeableConcept(ProgramCodes.ConsentCategorySystem, ProgramCodes.ProgramParticipation)],
            Patient = new ResourceReference("Patient/" + PatientId),
            DateTime = refused + "T10:00:00-05:00",
            Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Deny },
        };
        var record = Record([Enrollment(ProgramCodes.KsHealthHomes, "2026-01-05T10:00:00-06:00")]);
        var withRefusal = new HealthHomes.Fhir.CareManagement.Records.MemberRecord { Patient = record.Patient, Episodes = record.Episodes, Consents = [refusal] };

        Assert.Equal(expected, Single(new HapWithin90Days().Evaluate(withRefusal, Context("2026-06-01T00:00:00Z"))).State);
    }

    [Fact]
    public void KS_HAP_90_a_draft_HAP_does_not_count()
    {
        var result = EvaluateHap("2026-06-01T00:00:00Z", Hap("h1", RequestStatus.Draft, "2026-02-01T10:00:00-06:00"));

        Assert.Equal(ComplianceState.Missed, result.State);
        Assert.Empty(result.EndEvidence);
    }

    [Theory]
    [InlineData("2026-02-01T12:00:00-06:00", ComplianceState.Pending, 63)]
    [InlineData("2026-03-30T12:00:00-05:00", ComplianceState.AtRisk, 6)]
    [InlineData("2026-04-05T23:59:00-05:00", ComplianceState.AtRisk, 0)]
    [InlineData("2026-04-06T00:00:01-05:00", ComplianceState.Missed, -1)]
    public void KS_HAP_90_without_a_HAP_is_pending_at_risk_then_missed_by_as_of(string asOf, ComplianceState expected, int daysRemaining)
    {
        var result = EvaluateHap(asOf);

        Assert.Equal(expected, result.State);
        Assert.Equal(daysRemaining, result.DaysRemaining);
    }

    private static IReadOnlyList<DeadlineResult> Discharge(string asOf, params Encounter[] followUps) => DeadlineRules.Evaluate(
        Record([Enrollment(ProgramCodes.KsHealthHomes, "2026-01-05")],
            encounters: [Encounter("stay", "IMP", "2026-03-01T08:00:00-06:00", "2026-03-10T14:00:00-05:00"), .. followUps]),
        Context(asOf)).Where(r => r.Rule.StartsWith("KS-DC", StringComparison.Ordinal)).ToList();

    [Fact]
    public void KS_DC_7_and_KS_DC_30_a_visit_on_the_discharge_day_meets_both()
    {
        var results = Discharge("2026-05-01T00:00:00Z", Encounter("v1", "AMB", "2026-03-10T16:00:00-05:00", "2026-03-10T17:00:00-05:00"));

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(ComplianceState.Met, r.State));
        Assert.All(results, r => Assert.Equal(["Encounter/v1"], r.EndEvidence));
        Assert.All(results, r => Assert.Equal(["Encounter/stay"], r.StartEvidence));
    }

    [Fact]
    public void KS_DC_7_a_visit_on_day_8_is_met_late_for_7_days_and_met_for_30()
    {
        var results = Discharge("2026-05-01T00:00:00Z", Encounter("v1", "AMB", "2026-03-18T09:00:00-05:00", "2026-03-18T10:00:00-05:00"));

        Assert.Equal(ComplianceState.MetLate, results.Single(r => r.Rule == RuleIds.KsDischarge7).State);
        Assert.Equal(ComplianceState.Met, results.Single(r => r.Rule == RuleIds.KsDischarge30).State);
    }

    [Fact]
    public void KS_DC_7_without_follow_up_is_missed_while_KS_DC_30_is_pending()
    {
        var results = Discharge("2026-03-20T12:00:00-05:00",
            Encounter("planned", "AMB", "2026-03-12T09:00:00-05:00", null, Hl7.Fhir.Model.Encounter.EncounterStatus.Planned));

        Assert.Equal(ComplianceState.Missed, results.Single(r => r.Rule == RuleIds.KsDischarge7).State);
        Assert.Equal(ComplianceState.Pending, results.Single(r => r.Rule == RuleIds.KsDischarge30).State);
    }

    [Fact]
    public void KS_DC_7_a_completed_contact_attempt_counts_but_a_no_answer_does_not()
    {
        var record = Record([Enrollment(ProgramCodes.KsHealthHomes, "2026-01-05")],
            tasks: [Attempt("a1", "2026-03-11T10:00:00-05:00"), Attempt("a2", "2026-03-12T10:00:00-05:00", OutcomeCodes.ReachedMember)],
            encounters: [Encounter("stay", "ACUTE", "2026-03-01T08:00:00-06:00", "2026-03-10T14:00:00-05:00")]);

        var result = Single(new DischargeFollowUpWithin7Days().Evaluate(record, Context("2026-05-01T00:00:00Z")));

        Assert.Equal(ComplianceState.Met, result.State);
        Assert.Equal(["Task/a2"], result.EndEvidence);
    }

    [Fact]
    public void KS_DC_7_a_discharge_outside_any_ks_hh_enrollment_is_not_evaluated()
    {
        var record = Record([Enrollment(ProgramCodes.KsHealthHomes, "2026-04-01")],
            encounters: [Encounter("stay", "IMP", "2026-03-01T08:00:00-06:00", "2026-03-10T14:00:00-05:00")]);

        Assert.Empty(new DischargeFollowUpWithin7Days().Evaluate(record, Context("2026-05-01T00:00:00Z")));
    }

    private static Organization Partner(params (string Milestone, string Date)[] attestations)
    {
        var organization = new Organization
        {
            Id = "hhp1",
            Type = [new CodeableConcept(ProgramCodes.OrganizationRoleSystem, DeadlineCodes.HealthHomePartner)],
        };
        organization.Extension.Add(new Extension(ProgramCodes.ContractPeriodExtension, new Period { Start = "2025-01-15" }));
        foreach (var (milestone, date) in attestations)
        {
            var attestation = new Extension { Url = ProgramCodes.HitAttestationExtension };
            attestation.Extension.Add(new Extension(DeadlineCodes.MilestoneSubExtension, new Code(milestone)));
            attestation.Extension.Add(new Extension(DeadlineCodes.DateSubExtension, new Date(date)));
            organization.Extension.Add(attestation);
        }

        return organization;
    }

    [Fact]
    public void KS_HHP_EHR_PLAN_met_KS_HHP_EHR_missed_after_12_months_KS_HHP_HIE_pending()
    {
        var results = HealthHomePartnerMilestones.Evaluate(Partner(("ehr-plan", "2025-04-10")), Context("2026-02-01T12:00:00-06:00"));

        Assert.Equal(ComplianceState.Met, results.Single(r => r.Rule == RuleIds.KsHhpEhrPlan).State);
        var ehr = results.Single(r => r.Rule == RuleIds.KsHhpEhr);
        Assert.Equal(ComplianceState.Missed, ehr.State);
        Assert.Equal(new DateOnly(2026, 1, 15), DateOnly.FromDateTime(ehr.Due!.Value.DateTime));
        Assert.Equal(ComplianceState.Pending, results.Single(r => r.Rule == RuleIds.KsHhpHie).State);
        Assert.All(results, r => Assert.Equal("Organization/hhp1", r.Subject));
    }

    [Fact]
    public void KS_HHP_EHR_PLAN_attested_on_day_91_is_met_late_and_non_HHP_organizations_have_no_results()
    {
        var results = HealthHomePartnerMilestones.Evaluate(Partner(("ehr-plan", "2025-04-16")), Context("2026-02-01T12:00:00-06:00"));

        Assert.Equal(ComplianceState.MetLate, results.Single(r => r.Rule == RuleIds.KsHhpEhrPlan).State);
        Assert.Empty(HealthHomePartnerMilestones.Evaluate(new Organization { Id = "x" }, Context("2026-02-01T12:00:00-06:00")));
    }
}
