using HealthHomes.Fhir.CareManagement.Calendar;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>Attempts made as of the instant, by modality code ("unknown" when none), time-of-day bucket code and local weekday.</summary>
internal static class AttemptCounter
{
    public static AttemptCounts Count(OutreachTimeline timeline)
    {
        var attempts = timeline.Attempts;
        var clock = timeline.Clock;
        return new AttemptCounts(
            attempts.Count,
            Tally(attempts.Select(a => a.Modality ?? "unknown")),
            Tally(attempts.Select(a => clock.Bucket(a.When).Code())),
            Tally(attempts.Select(a => WeekdayCode(clock.LocalWeekday(a.When)))));
    }

    /// <summary>Lowercase English weekday: monday..sunday.</summary>
    public static string WeekdayCode(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "monday",
        DayOfWeek.Tuesday => "tuesday",
        DayOfWeek.Wednesday => "wednesday",
        DayOfWeek.Thursday => "thursday",
        DayOfWeek.Friday => "friday",
        DayOfWeek.Saturday => "saturday",
        _ => "sunday",
    };

    private static SortedDictionary<string, int> Tally(IEnumerable<string> keys)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
        }

        return counts;
    }
}
