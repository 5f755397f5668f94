using System.Globalization;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// Local program time: America/Chicago for KS-HH, America/Los_Angeles for ECM, with the US daylight-saving rule
/// (second Sunday of March to first Sunday of November, 02:00 local) computed here so the panel does not depend on
/// the machine's time-zone data. Every member date is a local date on or before <see cref="LastDay"/>, so every
/// instant is before <see cref="SyntheticPanel.BaseDate"/>.
/// </summary>
internal static class ProgramClock
{
    /// <summary>The last local day anything happens on (two days before the base date).</summary>
    public static readonly DateTime LastDay = SyntheticPanel.BaseDate.UtcDateTime.Date.AddDays(-2);

    /// <summary>The day <paramref name="days"/> before <see cref="LastDay"/>.</summary>
    public static DateTime DaysAgo(int days) => LastDay.AddDays(-days);

    public static TimeSpan Offset(DateTime local, bool ecm)
    {
        var standard = ecm ? -8 : -6;
        var start = NthSunday(local.Year, 3, 2).AddHours(2);
        var end = NthSunday(local.Year, 11, 1).AddHours(2);
        return TimeSpan.FromHours(local >= start && local < end ? standard + 1 : standard);
    }

    public static DateTimeOffset At(DateTime local, bool ecm) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset(local, ecm));

    /// <summary>A dateTime with seconds and the program's offset.</summary>
    public static string Instant(DateTime local, bool ecm) => MemberTransaction.Instant(At(local, ecm));

    public static string Date(DateTime local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Monday-Friday arithmetic (holidays are the server's business; the panel keeps clear of the limits).</summary>
    public static DateTime AddBusinessDays(DateTime day, int days)
    {
        var step = Math.Sign(days);
        for (var left = Math.Abs(days); left > 0;)
        {
            day = day.AddDays(step);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>The next Monday-Friday on or after <paramref name="day"/>.</summary>
    public static DateTime Weekday(DateTime day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    /// <summary>Time-of-day bucket: 0 early morning (before 09:00), 1 daytime (09:00-17:00), 2 evening (from 17:00).</summary>
    public static int Bucket(DateTime local) => local.Hour < 9 ? 0 : local.Hour < 17 ? 1 : 2;

    /// <summary>A time on <paramref name="day"/> in the given bucket.</summary>
    public static DateTime InBucket(Random random, DateTime day, int bucket)
    {
        var hour = bucket switch { 0 => 7 + random.Next(2), 1 => 9 + random.Next(8), _ => 17 + random.Next(3) };
        return day.Date.AddHours(hour).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
    }

    /// <summary>Mostly office hours, sometimes early or late.</summary>
    public static DateTime AnyTime(Random random, DateTime day)
    {
        var roll = random.Next(100);
        return InBucket(random, day, roll < 70 ? 1 : roll < 85 ? 0 : 2);
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return first.AddDays(((7 - (int)first.DayOfWeek) % 7) + (7 * (n - 1)));
    }
}
