using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>
/// "Attempts exhausted without contact" (docs/domain/engagement.md#unable-to-reach), defined per program.
/// <para>
/// <b>KS-HH</b> (KanCare Outreach and Due Diligence, checklist 3: "Follow-up with other phone call within 7
/// days. If unable to connect after 7 days, attempt alternate methods: send mailing, check alternate database, connect
/// with most recent pharmacy or provider"): checklist 3 has run its course. That is: checklist 3 started (a failed
/// attempt on confirmed contact details), more than <see cref="KsChecklist3Days"/> local days have passed since that
/// first failed attempt with no contact, and all three alternate methods are done since it (completed hh-checklist-step
/// Tasks, or attempts with modality mail / alternate-database-lookup / pharmacy-or-provider-contact).
/// </para>
/// <para>
/// <b>ECM</b> (KHS policy 18.21-P IV.E.6.d: "two outreach attempts within thirty days at
/// different times during the day and on different days of the week"; IV.F.2.d: "not able to connect with the member
/// after multiple attempts"): no contact ever made, two attempts that differ in both local weekday and time-of-day
/// bucket (the ECM-OUT-2X pattern), at least <see cref="CareManagementSettings.UnableToReachMinimumAttempts"/> attempts
/// in all, and at least <see cref="EcmOutreachDays"/> local days from the first attempt to the evaluation instant.
/// </para>
/// </summary>
public static class UnableToReach
{
    /// <summary>KS-HH: checklist 3's follow-up window; exhausted only once more than this many days have passed.</summary>
    public const int KsChecklist3Days = 7;

    /// <summary>ECM: the outreach window of ECM-OUT-2X; exhausted only once this many days have passed since the first attempt.</summary>
    public const int EcmOutreachDays = 30;

    /// <summary>Two attempts (earliest such pair) whose local weekday and time-of-day bucket both differ (ECM-OUT-2X), or null.</summary>
    public static (OutreachAttempt First, OutreachAttempt Second)? DifferingPair(IReadOnlyList<OutreachAttempt> attempts, ProgramClock clock)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(clock);
        for (var j = 1; j < attempts.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (clock.LocalWeekday(attempts[i].When) != clock.LocalWeekday(attempts[j].When)
                    && clock.Bucket(attempts[i].When) != clock.Bucket(attempts[j].When))
                {
                    return (attempts[i], attempts[j]);
                }
            }
        }

        return null;
    }

    /// <summary>Whether attempts are exhausted as of the timeline's instant; when they are, why and on what records.</summary>
    internal static (string Reason, IReadOnlyList<string> Evidence)? Exhausted(OutreachTimeline timeline, CareManagementSettings settings)
    {
        if (timeline.FirstContact is not null || timeline.Attempts.Count == 0)
        {
            return null;
        }

        return timeline.Enrollment.Program.IsEcm ? EcmExhausted(timeline, settings) : KsExhausted(timeline);
    }

    private static (string, IReadOnlyList<string>)? KsExhausted(OutreachTimeline timeline)
    {
        if (timeline.Checklist3Start(timeline.AsOf) is not { } start)
        {
            return null;
        }

        var clock = timeline.Clock;
        var days = ProgramClock.DaysBetween(clock.LocalDate(start.When), clock.LocalDate(timeline.AsOf));
        if (days <= KsChecklist3Days)
        {
            return null;
        }

        var alternates = KanCareChecklists.AlternateMethods.Select(step => timeline.StepEvidence(step, start)).ToList();
        if (alternates.Any(e => e.Count == 0))
        {
            return null;
        }

        return ($"Checklist 3 has run its course: {days} days since the first failed attempt on confirmed contact details ({start.Reference}) without contact, and the alternate methods (send-mailing, check-alternate-database, contact-pharmacy-or-provider) are done.",
            [start.Reference, .. alternates.Select(e => e[0].Reference)]);
    }

    private static (string, IReadOnlyList<string>)? EcmExhausted(OutreachTimeline timeline, CareManagementSettings settings)
    {
        var attempts = timeline.Attempts;
        var clock = timeline.Clock;
        var days = ProgramClock.DaysBetween(clock.LocalDate(attempts[0].When), clock.LocalDate(timeline.AsOf));
        if (DifferingPair(attempts, clock) is not { } pair || attempts.Count < settings.UnableToReachMinimumAttempts || days < EcmOutreachDays)
        {
            return null;
        }

        return ($"Attempts exhausted without contact: {attempts.Count} attempts (minimum {settings.UnableToReachMinimumAttempts}) over {days} days, including two on different weekdays and at different times of day ({pair.First.Reference}, {pair.Second.Reference}; ECM-OUT-2X).",
            [.. attempts.Select(a => a.Reference)]);
    }
}
