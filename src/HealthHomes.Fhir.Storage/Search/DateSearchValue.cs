using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// A date search value as the inclusive range of UTC ticks its precision implies, the same conversion the indexer
/// applies to resource values: "1974" is 1974-01-01T00:00:00Z .. 1974-12-31T23:59:59.9999999Z; "2015-03-01T10:00"
/// is that minute. A value without a zone is taken as UTC.
/// </summary>
internal sealed partial record DateSearchValue(string Prefix, long Start, long End)
{
    [GeneratedRegex(@"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static DateSearchValue Parse(string raw, string parameter)
    {
        var (prefix, text) = SearchValueSyntax.Prefix(raw);
        var (start, end) = ParseRange(text)
            ?? throw new InvalidSearchException($"'{raw}' is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fff]][Z|(+|-)hh:mm].", parameter);
        return new DateSearchValue(prefix, start, end);
    }

    /// <summary>The range of ticks, or null when <paramref name="text"/> is not a date of any precision.</summary>
    internal static (long Start, long End)? ParseRange(string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return null;
        }

        int Group(int i, int fallback) => m.Groups[i].Success ? int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : fallback;
        try
        {
            var local = new DateTime(Group(1, 1), Group(2, 1), Group(3, 1), Group(4, 0), Group(5, 0), Group(6, 0), DateTimeKind.Unspecified);
            var fraction = m.Groups[7].Success ? m.Groups[7].Value : "";
            if (fraction.Length > 0)
            {
                local = local.AddTicks(long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture));
            }

            var offset = ParseOffset(m.Groups[8].Value);
            var startTicks = local.Ticks - offset.Ticks;
            var endTicks = NextAtPrecision(local, m, fraction.Length) - offset.Ticks - 1;
            return (Clamp(startTicks), Clamp(endTicks));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static long NextAtPrecision(DateTime local, Match m, int fractionDigits)
    {
        var max = DateTime.MaxValue.Ticks + 1;
        try
        {
            if (fractionDigits > 0)
            {
                return local.Ticks + (long)Math.Pow(10, 7 - fractionDigits);
            }

            return (m.Groups[6].Success ? local.AddSeconds(1)
                : m.Groups[5].Success ? local.AddMinutes(1)
                : m.Groups[3].Success ? local.AddDays(1)
                : m.Groups[2].Success ? local.AddMonths(1)
                : local.AddYears(1)).Ticks;
        }
        catch (ArgumentOutOfRangeException)
        {
            return max;
        }
    }

    private static TimeSpan ParseOffset(string zone)
    {
        if (zone.Length == 0 || zone == "Z")
        {
            return TimeSpan.Zero;
        }

        var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            throw new ArgumentOutOfRangeException(nameof(zone));
        }

        var span = new TimeSpan(hours, minutes, 0);
        return zone[0] == '-' ? -span : span;
    }

    private static long Clamp(long ticks) => Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
}
