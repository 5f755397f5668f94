using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// A FHIR date/dateTime/instant query value at any precision ("2024", "2024-05", "2024-05-17",
/// "2024-05-17T10:00Z", "2024-05-17T10:00:00.123+02:00") as the range of instants it covers. A value without a time
/// zone is taken as UTC. A '+' that arrived as a space (an unencoded offset) is read back as '+'.
/// </summary>
public static partial class FhirDateParameter
{
    /// <summary>The covered range [Start, End): End is the first instant after it.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Parse(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var m = Pattern().Match(value.Trim().Replace(' ', '+'));
        if (!m.Success)
        {
            throw Malformed(name, value);
        }

        try
        {
            int Part(string group, int fallback) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;
            var offset = ParseOffset(m.Groups["tz"]);
            var year = Part("y", 1);
            var month = Part("mo", 1);
            var day = Part("d", 1);
            var local = new DateTime(year, month, day, Part("h", 0), Part("mi", 0), Part("s", 0), DateTimeKind.Unspecified);
            if (m.Groups["f"].Success)
            {
                local = local.AddTicks(long.Parse(m.Groups["f"].Value.PadRight(7, '0')[..7], CultureInfo.InvariantCulture));
            }

            var start = new DateTimeOffset(local, offset);
            return (start, EndOf(m, start));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Malformed(name, value);
        }
    }

    /// <summary>The first instant after the value's precision; the end of the calendar for the last year, month, day... of 9999.</summary>
    private static DateTimeOffset EndOf(Match m, DateTimeOffset start)
    {
        try
        {
            return m.Groups["f"].Success ? start.AddTicks((long)Math.Pow(10, 7 - Math.Min(7, m.Groups["f"].Length)))
                : m.Groups["s"].Success ? start.AddSeconds(1)
                : m.Groups["mi"].Success ? start.AddMinutes(1)
                : m.Groups["d"].Success ? start.AddDays(1)
                : m.Groups["mo"].Success ? start.AddMonths(1)
                : start.AddYears(1);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MaxValue;
        }
    }

    private static TimeSpan ParseOffset(Group tz)
    {
        if (!tz.Success || tz.Value == "Z")
        {
            return TimeSpan.Zero;
        }

        var sign = tz.Value[0] == '-' ? -1 : 1;
        var hours = int.Parse(tz.Value.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(tz.Value.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            throw new ArgumentOutOfRangeException(nameof(tz));
        }

        return sign * new TimeSpan(hours, minutes, 0);
    }

    private static FhirRequestException Malformed(string name, string value)
        => FhirRequestException.BadRequest($"'{value}' is not a valid value for {name}: use a FHIR date or dateTime such as 2024, 2024-05, 2024-05-17 or 2024-05-17T10:00:00Z.", name);

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<mo>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(?<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
