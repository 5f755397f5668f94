using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Tests.Engagement;

public sealed class PanelAndPaymentTests
{
    [Fact]
    public void KS_PANEL_removal_not_allowed_without_refusal_or_discharge()
    {
        var result = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "no-answer").Assess("2026-03-30 12:00");

        Assert.False(result.PanelRemovalAllowed);
        Assert.Empty(result.PanelRemovalEvidence);
    }

    [Fact]
    public void KS_PANEL_removal_allowed_with_a_refusal_consent()
    {
        var result = OutreachRecordBuilder.KsHh().Attempt("2026-02-10 10:00", "no-answer").OptOut("2026-02-20 10:00").Assess("2026-03-30 12:00");

        Assert.True(result.PanelRemovalAllowed);
        Assert.Equal(["Consent/optout1"], result.PanelRemovalEvidence);
    }

    [Fact]
    public void KS_PANEL_removal_allowed_with_a_discharge_record_but_not_a_cancelled_enrollment_without_reason()
    {
        var discharged = OutreachRecordBuilder.KsHh().Ended("2026-03-01 00:00", "other").Assess("2026-03-30 12:00");
        var cancelled = OutreachRecordBuilder.KsHh().Ended("2026-03-01 00:00", null, EpisodeOfCare.EpisodeOfCareStatus.Cancelled).Assess("2026-03-30 12:00");

        Assert.True(discharged.PanelRemovalAllowed);
        Assert.Equal(["EpisodeOfCare/e1"], discharged.PanelRemovalEvidence);
        Assert.False(cancelled.PanelRemovalAllowed);
    }

    [Fact]
    public void KS_PAY_eligible_with_attempts_and_no_contact_not_after_contact()
    {
        var builder = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 10:00", "no-answer")
            .Attempt("2026-02-17 10:00", "reached-guardian");

        var before = builder.Assess("2026-02-16 12:00");
        var after = builder.Assess("2026-02-17 12:00");

        Assert.True(before.OutreachPaymentEligible);
        Assert.Contains("no contact made", before.OutreachPaymentReason, StringComparison.OrdinalIgnoreCase);
        Assert.False(after.OutreachPaymentEligible);
        Assert.Contains("Task/a2", after.OutreachPaymentReason, StringComparison.Ordinal);
    }

    [Fact]
    public void KS_PAY_not_eligible_without_documented_attempts()
    {
        var result = OutreachRecordBuilder.KsHh().Assess("2026-02-16 12:00");

        Assert.False(result.OutreachPaymentEligible);
        Assert.Contains("No documented outreach attempt", result.OutreachPaymentReason, StringComparison.Ordinal);
    }
}
