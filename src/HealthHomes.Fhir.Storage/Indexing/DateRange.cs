using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthHomes.Fhir.Storage.Indexing;

/// <summary>
/// A FHIR date/dateTime/instant as the inclusive range of UTC ticks its precision covers: "1974" is the whole year,
/// "2015-03-01T10:00" the whole minute. A value without a zone is taken as UTC (see the README).
/// </summary>
public readonly partial record struct DateRange(long Start, long End)
{
    public static readonly DateRange Unbounded = new(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);

    /// <summary>Parses any FHIR date/dateTime/instant precision (and hh:mm without seconds, as search allows).</summary>
    public static bool TryParse(string? text, out DateRange range)
    {
        range = default;
        if (text is null)
        {
            return false;
        }

        var m = DatePattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        try
        {
            var year = Int(m.Groups["y"]);
            var month = m.Groups["mo"].Success ? Int(m.Groups["mo"]) : 1;
            var day = m.Groups["d"].Success ? Int(m.Groups["d"]) : 1;
            var hour = m.Groups["h"].Success ? Int(m.Groups["h"]) : 0;
            var minute = m.Groups["mi"].Success ? Int(m.Groups["mi"]) : 0;
            var second = m.Groups["s"].Success ? Int(m.Groups["s"]) : 0;
            var offset = ParseOffset(m.Groups["z"]);
            if (year < 1 || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            var start = new DateTimeOffset(year, month, day, hour, minute, second, offset);
            var fraction = m.Groups["f"];
            if (fraction.Success)
            {
                var digits = Math.Min(fraction.Value.Length, 7);
                var fractionTicks = long.Parse(fraction.Value[..digits].PadRight(7, '0'), CultureInfo.InvariantCulture);
                start = start.AddTicks(fractionTicks);
                var unit = (long)Math.Pow(10, 7 - digits);
                range = FromStart(start, s => s.AddTicks(unit));
                return true;
            }

            Func<DateTimeOffset, DateTimeOffset> next =
                m.Groups["s"].Success ? s => s.AddSeconds(1)
                : m.Groups["mi"].Success ? s => s.AddMinutes(1)
                : m.Groups["d"].Success ? s => s.AddDays(1)
                : m.Groups["mo"].Success ? s => s.AddMonths(1)
                : s => s.AddYears(1);
            range = FromStart(start, next);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // e.g. 2015-02-30
        }
    }

    /// <summary>The range of a single instant (e.g. meta.lastUpdated).</summary>
    public static DateRange At(DateTimeOffset instant) => new(instant.UtcTicks, instant.UtcTicks);

    private static DateRange FromStart(DateTimeOffset start, Func<DateTimeOffset, DateTimeOffset> next)
    {
        var startTicks = start.UtcTicks;
        long endTicks;
        try
        {
            endTicks = next(start).UtcTicks - 1;
        }
        catch (ArgumentOutOfRangeException)
        {
            endTicks = DateTime.MaxValue.Ticks;
        }

        return new DateRange(startTicks, endTicks);
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    private static TimeSpan ParseOffset(Group g)
    {
        if (!g.Success || g.Value == "Z")
        {
            return TimeSpan.Zero;
        }

        var sign = g.Value[0] == '-' ? -1 : 1;
        var hours = int.Parse(g.Value.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(g.Value.AsSpan(4, 2), CultureInfo.InvariantCulture);
        return sign * new TimeSpan(hours, minutes, 0);
    }

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<mo>0[1-9]|1[0-2])(-(?<d>0[1-9]|[12]\d|3[01])(T(?<h>\d{2}):(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(?<z>Z|[+-](0\d|1[0-4]):[0-5]\d)?)?)?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DatePattern();
}
