using System.Globalization;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>
/// Derives a member's engagement status in one enrollment (docs/domain/engagement.md#engagement-statuses) as a pure
/// function of the record and
/// <see cref="DeadlineContext.AsOf"/>: records dated after it are ignored. Precedence, from the top: disenrolled,
/// declined, engaged, contacted-not-engaged, contact-info-invalid, unable-to-reach, outreach-in-progress,
/// not-outreached. The result names the records that decided it, the KanCare checklist that applies (KS-HH), the next
/// action, attempt counts, KS-PANEL and KS-PAY.
/// </summary>
public static class EngagementEvaluator
{
    public static EngagementAssessment Assess(MemberRecord record, Enrollment enrollment, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(context);
        context = context.For(enrollment.Program);
        var timeline = record.TimelineOf(enrollment, context.AsOf);
        var refusals = Refusals(timeline);
        var (status, reason, evidence) = Derive(timeline, refusals, context.Settings);
        var checklist = ChecklistProgress.Current(timeline, status);
        var (panelAllowed, panelEvidence) = PanelAndPayment.PanelRemoval(timeline, refusals);
        var (paymentEligible, paymentReason) = PanelAndPayment.OutreachPayment(timeline);
        return new EngagementAssessment(
            enrollment,
            status,
            reason,
            evidence,
            checklist?.Checklist,
            checklist is null ? [] : [.. checklist.Steps.Select(s => s.ToState())],
            NextActionPlanner.Plan(timeline, status, checklist, context.Settings),
            AttemptCounter.Count(timeline),
            panelAllowed,
            panelEvidence,
            paymentEligible,
            paymentReason);
    }

    /// <summary>Ended as of the instant: a period end on or before it; without an end, status finished or cancelled.</summary>
    internal static bool HasEnded(Enrollment enrollment, DateTimeOffset asOf) =>
        enrollment.End is { } end
            ? end <= asOf
            : enrollment.Episode.Status is EpisodeOfCare.EpisodeOfCareStatus.Finished or EpisodeOfCare.EpisodeOfCareStatus.Cancelled;

    /// <summary>
    /// Active opt-out Consents of the member for this enrollment dated on or before the instant (profile hh-opt-out:
    /// category program-participation, provision.type deny, status active). A Consent naming another enrollment does
    /// not count; one naming none counts when it is the member's only enrollment in the program or dated after this
    /// enrollment started.
    /// </summary>
    internal static IReadOnlyList<Consent> Refusals(OutreachTimeline timeline) =>
        timeline.Record.RefusalsOf(timeline.Enrollment, timeline.AsOf);

    private static (EngagementStatus, string, IReadOnlyList<string>) Derive(OutreachTimeline timeline, IReadOnlyList<Consent> refusals, CareManagementSettings settings)
    {
        var enrollment = timeline.Enrollment;
        if (HasEnded(enrollment, timeline.AsOf))
        {
            var why = enrollment.DisenrollmentReason is { } code ? $" with disenrollment reason '{code}'" : " (no disenrollment reason recorded)";
            return (EngagementStatus.Disenrolled, $"Enrollment {enrollment.Reference} has ended{why}.", [enrollment.Reference]);
        }

        if (refusals.Count > 0)
        {
            return (EngagementStatus.Declined, $"Opt-out recorded: Consent {refusals[0].Id} (program participation, deny) dated {refusals[0].DateTime}.",
                [.. refusals.Select(c => c.ReferenceTo())]);
        }

        if (timeline.LatestContact is { Outcome: OutcomeCodes.Declined } declined)
        {
            return (EngagementStatus.Declined, $"The latest contact with the member ({declined.Reference}, {Format(timeline, declined.When)}) declined.", [declined.Reference]);
        }

        if (timeline.Attempts.FirstOrDefault(a => a.Outcome == OutcomeCodes.AgreedToEngage) is { } agreed)
        {
            return (EngagementStatus.Engaged, $"The member agreed to engage ({agreed.Reference}, {Format(timeline, agreed.When)}).", [agreed.Reference]);
        }

        if (ActivePlan(timeline) is { } plan)
        {
            var kind = enrollment.Program.IsEcm ? "care plan" : "Health Action Plan";
            return (EngagementStatus.Engaged, $"An active {kind} of the enrollment exists (CarePlan/{plan.Id}, created {plan.Created}).", [plan.ReferenceTo()]);
        }

        if (timeline.FirstContact is { } contact)
        {
            var checklist = enrollment.Program.IsEcm ? "" : " Checklist 4 applies.";
            return (EngagementStatus.ContactedNotEngaged,
                $"Contact made with the member or guardian ({contact.Reference}, {contact.Outcome}, {Format(timeline, contact.When)}), not engaged and not opted out.{checklist}",
                [contact.Reference]);
        }

        if (timeline.UnresolvedInvalid(timeline.AsOf) is { } invalid)
        {
            var what = invalid.Kind == ContactKind.Phone ? "phone number is wrong or missing" : "member is not at the address";
            var checklist = enrollment.Program.IsEcm ? "" : $" {(invalid.Kind == ContactKind.Phone ? "Checklist 1" : "Checklist 2")} applies.";
            return (EngagementStatus.ContactInfoInvalid,
                $"The latest attempt on the contact details ({invalid.Latest.Reference}, {invalid.Latest.Outcome}, {Format(timeline, invalid.Latest.When)}) says the {what}, and no newer contact information is on record.{checklist}",
                [.. new[] { invalid.First.Reference, invalid.Latest.Reference }.Distinct()]);
        }

        if (UnableToReach.Exhausted(timeline, settings) is { } exhausted)
        {
            return (EngagementStatus.UnableToReach, exhausted.Reason, exhausted.Evidence);
        }

        if (timeline.Attempts.Count > 0)
        {
            return (EngagementStatus.OutreachInProgress,
                $"{timeline.Attempts.Count} outreach attempt(s) made, the latest {timeline.Attempts[^1].Reference} ({Format(timeline, timeline.Attempts[^1].When)}); no contact yet.",
                [.. timeline.Attempts.Select(a => a.Reference)]);
        }

        return (EngagementStatus.NotOutreached, $"No outreach attempt made since enrollment {enrollment.Reference} started.", [enrollment.Reference]);
    }

    /// <summary>An active CarePlan of the enrollment created on or before the instant (for KS-HH a Health Action Plan).</summary>
    private static CarePlan? ActivePlan(OutreachTimeline timeline)
    {
        var enrollment = timeline.Enrollment;
        return timeline.Record.CarePlans.FirstOrDefault(p =>
            p.Status == RequestStatus.Active
            && timeline.Record.BelongsTo(p, enrollment)
            && (enrollment.Program.IsEcm || p.Category.HasCode(ProgramCodes.CarePlanCategorySystem, ProgramCodes.HealthActionPlan))
            && (FhirValues.Instant(p.Created ?? p.Period?.Start, timeline.Clock.Zone) is not { } created || created <= timeline.AsOf));
    }

    internal static string Format(OutreachTimeline timeline, DateTimeOffset instant) =>
        timeline.Clock.Local(instant).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
