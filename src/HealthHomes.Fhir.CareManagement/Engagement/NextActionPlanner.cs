using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>
/// The next recommended action for a status, with its due instant (end of a local day, in the program's offset) and
/// rule. None when declined or disenrolled, or engaged with a Health Action Plan. Codes: a checklist step code,
/// "outreach-attempt", "callback", "consider-disenrollment" (ECM, unable to reach), "complete-health-action-plan"
/// (KanCare, engaged without a HAP: KS-HAP-90).
/// </summary>
internal static class NextActionPlanner
{
    public const string OutreachAttempt = "outreach-attempt";
    public const string Callback = "callback";
    public const string ConsiderDisenrollment = "consider-disenrollment";
    public const string CompleteHealthActionPlan = "complete-health-action-plan";

    /// <summary>Days from checklist 3's first failed attempt to the KS-CL3-ALT due date (see <c>AlternateMethodsAfter7Days</c>).</summary>
    public const int AlternateMethodsDueDay = 14;

    public static NextAction? Plan(OutreachTimeline timeline, EngagementStatus status, ChecklistProgress? checklist, CareManagementSettings settings)
    {
        var ecm = timeline.Enrollment.Program.IsEcm;
        return status switch
        {
            EngagementStatus.NotOutreached => FirstOutreach(timeline),
            EngagementStatus.ContactedNotEngaged => Checklist4(timeline, checklist),
            EngagementStatus.ContactInfoInvalid => InvalidContact(timeline, checklist),
            EngagementStatus.UnableToReach when ecm => new NextAction(ConsiderDisenrollment, null, null,
                "Attempts are exhausted without contact: the ECM Provider may discontinue ECM for reason d (unable to connect after multiple attempts), or continue outreach until the authorization ends (ECM-AUTH-12M)."),
            EngagementStatus.UnableToReach => new NextAction(OutreachAttempt, null, null,
                "Checklist 3 has run its course: continue periodic outreach. The member stays on the panel until a refusal or discharge form (KS-PANEL); the one-time outreach payment applies (KS-PAY)."),
            EngagementStatus.OutreachInProgress when ecm => EcmOutreach(timeline, settings),
            EngagementStatus.OutreachInProgress when checklist is not null => Checklist3(timeline, checklist),
            EngagementStatus.OutreachInProgress => new NextAction(OutreachAttempt, null, null, "Continue outreach: no attempt has reached the member or failed with a known outcome yet."),
            EngagementStatus.Engaged when !ecm => HealthActionPlan(timeline),
            _ => null,
        };
    }

    /// <summary>An engaged KanCare member without an active or completed HAP: complete it by day 90 (KS-HAP-90); none once it exists.</summary>
    private static NextAction? HealthActionPlan(OutreachTimeline timeline)
    {
        var record = timeline.Record;
        var enrollment = timeline.Enrollment;
        var hasPlan = record.CarePlans.Any(p =>
            p.Category.HasCode(ProgramCodes.CarePlanCategorySystem, ProgramCodes.HealthActionPlan)
            && p.Status is Hl7.Fhir.Model.RequestStatus.Active or Hl7.Fhir.Model.RequestStatus.Completed
            && record.BelongsTo(p, enrollment)
            && FhirValues.Instant(p.Created, timeline.Clock.Zone) is { } created && created <= timeline.AsOf);
        if (hasPlan)
        {
            return null;
        }

        var due = timeline.Clock.EndOfDay(timeline.Clock.LocalDate(enrollment.Start).AddDays(90));
        return new NextAction(CompleteHealthActionPlan, due, RuleIds.KsHap90,
            $"The member is engaged and has no active Health Action Plan yet: complete it within 90 days of enrollment ({enrollment.Reference}).");
    }

    private static NextAction FirstOutreach(OutreachTimeline timeline)
    {
        var enrollment = timeline.Enrollment;
        var startDate = timeline.Clock.LocalDate(enrollment.Start);
        return enrollment.Program.IsEcm
            ? new NextAction(OutreachAttempt, timeline.Clock.EndOfDay(startDate.AddDays(30)), RuleIds.EcmOutreach30Days,
                $"Initial outreach within 30 days of the ECM Provider receiving the member (enrollment start {startDate:yyyy-MM-dd}).")
            : new NextAction(OutreachAttempt, null, null,
                $"First outreach attempt; the Health Action Plan is due within 90 days of enrollment (KS-HAP-90, enrollment start {startDate:yyyy-MM-dd}).");
    }

    private static NextAction Checklist4(OutreachTimeline timeline, ChecklistProgress? checklist)
    {
        var clock = timeline.Clock;
        var pending = timeline.Attempts
            .Where(a => a.CallbackDue is not null && !timeline.Attempts.Any(c => c.When > a.When && OutreachTimeline.IsCall(c)))
            .OrderBy(a => a.CallbackDue)
            .FirstOrDefault();
        if (pending is { CallbackDue: { } promised })
        {
            var day = clock.LocalDate(promised);
            return new NextAction(Callback, clock.EndOfDay(day), RuleIds.KsCl4,
                $"Call the member back as promised ({pending.Reference}): on or before {day:yyyy-MM-dd}.");
        }

        if (checklist?.Steps.FirstOrDefault(s => !s.Done && !s.Conditional) is { } step)
        {
            return new NextAction(step.Code, null, RuleIds.KsCl4,
                $"Checklist 4 (contacted {checklist.Start.Reference}, not engaged): '{step.Code}' is outstanding.");
        }

        return new NextAction(OutreachAttempt, null, RuleIds.KsCl4,
            "Checklist 4 steps are done and no callback is pending: keep the member informed and ask for a callback timeframe.");
    }

    private static NextAction InvalidContact(OutreachTimeline timeline, ChecklistProgress? checklist)
    {
        if (checklist is null)
        {
            return new NextAction(OutreachAttempt, null, null, "The contact information is invalid: record the corrected phone number or address on the Patient and attempt outreach on it.");
        }

        var due = timeline.Clock.EndOfDay(timeline.Clock.LocalDate(checklist.Start.When));
        var rule = checklist.Checklist == ChecklistCodes.Checklist1 ? RuleIds.KsCl1 : RuleIds.KsCl2;
        var outstanding = checklist.Steps.Where(s => !s.Done).Select(s => s.Code).ToList();
        return outstanding.Count > 0
            ? new NextAction(outstanding[0], due, rule,
                $"{Title(checklist.Checklist)} started by {checklist.Start.Reference}: recommended the same day; outstanding: {string.Join(", ", outstanding)}.")
            : new NextAction(OutreachAttempt, null, null,
                $"{Title(checklist.Checklist)} steps are done: record the corrected contact information on the Patient and attempt outreach on it.");
    }

    private static NextAction Checklist3(OutreachTimeline timeline, ChecklistProgress checklist)
    {
        var clock = timeline.Clock;
        var startDate = clock.LocalDate(checklist.Start.When);
        var alternates = checklist.Steps.Where(s => s.Rule == RuleIds.KsCl3Alternate && !s.Done).Select(s => s.Code).ToList();
        if (ProgramClock.DaysBetween(startDate, clock.LocalDate(timeline.AsOf)) >= UnableToReach.KsChecklist3Days && alternates.Count > 0)
        {
            return new NextAction(alternates[0], clock.EndOfDay(startDate.AddDays(AlternateMethodsDueDay)), RuleIds.KsCl3Alternate,
                $"No contact 7 days after the first failed attempt ({checklist.Start.Reference}, {startDate:yyyy-MM-dd}): alternate methods recommended; outstanding: {string.Join(", ", alternates)}.");
        }

        var lastFailed = timeline.Attempts.LastOrDefault(a => a.When >= checklist.Start.When && OutreachTimeline.IsCall(a) && OutreachTimeline.IsFailedDirectAttempt(a))
            ?? checklist.Start;
        var due = clock.EndOfDay(clock.LocalDate(lastFailed.When).AddDays(7));
        return checklist.Steps.Any(s => s.Code == ChecklistStepCodes.EarlyOrLateCall && !s.Done)
            ? new NextAction(ChecklistStepCodes.EarlyOrLateCall, due, RuleIds.KsCl3SevenDays,
                $"Call again in the early morning (before 09:00) or evening (from 17:00), within 7 days of the last failed attempt ({lastFailed.Reference}).")
            : new NextAction(ChecklistStepCodes.FollowUpCall7Days, due, RuleIds.KsCl3SevenDays,
                $"Follow-up call within 7 days of the last failed attempt ({lastFailed.Reference}).");
    }

    private static NextAction EcmOutreach(OutreachTimeline timeline, CareManagementSettings settings)
    {
        var clock = timeline.Clock;
        var attempts = timeline.Attempts;
        var startDate = clock.LocalDate(timeline.Enrollment.Start);
        if (UnableToReach.DifferingPair(attempts, clock) is null)
        {
            var made = string.Join("; ", attempts.Select(a => $"{AttemptCounter.WeekdayCode(clock.LocalWeekday(a.When))} {clock.Bucket(a.When).Code()} ({a.Reference})"));
            var first = attempts[0];
            return new NextAction(OutreachAttempt, clock.EndOfDay(startDate.AddDays(30)), RuleIds.EcmOutreachTwice,
                $"Second outreach attempt on a different weekday AND at a different time of day than an earlier one: e.g. not a {AttemptCounter.WeekdayCode(clock.LocalWeekday(first.When))} and not {clock.Bucket(first.When).Code()} (attempts so far: {made}); within 30 days of {startDate:yyyy-MM-dd}.");
        }

        var firstDate = clock.LocalDate(attempts[0].When);
        return new NextAction(OutreachAttempt, null, null,
            $"Continue outreach: {attempts.Count} attempt(s) so far; the member counts as unable to reach after at least {settings.UnableToReachMinimumAttempts} attempts and 30 days from the first ({firstDate:yyyy-MM-dd}) without contact.");
    }

    private static string Title(string checklist) => checklist switch
    {
        ChecklistCodes.Checklist1 => "Checklist 1 (incorrect/missing phone number)",
        ChecklistCodes.Checklist2 => "Checklist 2 (not located at listed address)",
        ChecklistCodes.Checklist3 => "Checklist 3 (contact confirmed, cannot reach)",
        _ => "Checklist 4 (contacted, not engaged)",
    };
}
