using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>
/// KS-PANEL ("Lead Entities will not remove members who are not engaged from the panel listings in the absence of a
/// refusal or discharge form") and KS-PAY ("If no contact is made a one time payment for outreach can be received";
/// once per enrollment, docs/domain/health-homes.md#ks-pay).
/// </summary>
internal static class PanelAndPayment
{
    /// <summary>
    /// Removal is allowed only with a refusal (an active opt-out Consent) or a discharge record (the enrollment has
    /// ended with a disenrollment reason, or its status is finished); the evidence lists them.
    /// </summary>
    public static (bool Allowed, IReadOnlyList<string> Evidence) PanelRemoval(OutreachTimeline timeline, IReadOnlyList<Consent> refusals)
    {
        var enrollment = timeline.Enrollment;
        var discharged = EngagementEvaluator.HasEnded(enrollment, timeline.AsOf)
            && (enrollment.DisenrollmentReason is not null || enrollment.Episode.Status == EpisodeOfCare.EpisodeOfCareStatus.Finished);
        IReadOnlyList<string> evidence = [.. refusals.Select(c => c.ReferenceTo()), .. discharged ? [enrollment.Reference] : Array.Empty<string>()];
        return (evidence.Count > 0, evidence);
    }

    /// <summary>Eligible when no contact was ever made in this enrollment and documented outreach attempts exist (KS-HH only).</summary>
    public static (bool Eligible, string Reason) OutreachPayment(OutreachTimeline timeline)
    {
        var enrollment = timeline.Enrollment;
        if (enrollment.Program.IsEcm)
        {
            return (false, "KS-PAY applies to KanCare Health Homes enrollments only.");
        }

        if (timeline.FirstContact is { } contact)
        {
            return (false, $"Contact was made in enrollment {enrollment.Reference} ({contact.Reference}, {contact.Outcome}, {EngagementEvaluator.Format(timeline, contact.When)}): no outreach payment (KS-PAY).");
        }

        return timeline.Attempts.Count == 0
            ? (false, $"No documented outreach attempt in enrollment {enrollment.Reference} yet: no outreach payment (KS-PAY).")
            : (true, $"No contact made in enrollment {enrollment.Reference} and {timeline.Attempts.Count} documented outreach attempt(s): the one-time outreach payment can be received, once per enrollment (KS-PAY).");
    }
}
