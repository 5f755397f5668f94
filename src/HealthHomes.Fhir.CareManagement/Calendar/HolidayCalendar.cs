using System.Globalization;

namespace HealthHomes.Fhir.CareManagement.Calendar;

/// <summary>
/// A program's working-day calendar (docs/domain/calendar.md#holidays-by-jurisdiction): Monday-Friday minus the
/// observed federal holidays (5 U.S.C. 6103: 11 days; Saturday observed the preceding Friday, Sunday the following
/// Monday) plus the state's:
/// <list type="bullet">
/// <item>Kansas (K.A.R. 1-9-2): New Year's, Memorial, Independence, Labor, Veterans', Thanksgiving and Christmas Day,
/// all federal days too and observed the same way. The Governor's yearly designations (e.g. the day after
/// Thanksgiving) are configuration (<see cref="CareManagementSettings.AddedHolidays"/> "Kansas"), not shipped.</item>
/// <item>California (Gov. Code 19853): adds Cesar Chavez Day (March 31) and the day after Thanksgiving. California
/// moves a Sunday holiday to Monday and only Veterans Day from Saturday to Friday; a Saturday Cesar Chavez Day is not
/// moved. A federal holiday keeps its federal observance (the federal day is a holiday of the program too).</item>
/// </list>
/// Holidays are computed by rule for any year, when a year is first asked about (the law as it stands; Juneteenth from
/// <see cref="FirstJuneteenth"/>, when it became a federal holiday). Configuration (yyyy-MM-dd observed dates) adds or
/// removes days: key "Federal" applies to both jurisdictions, "Kansas" / "California" to that jurisdiction's calendar.
/// </summary>
public sealed class HolidayCalendar : IBusinessCalendar
{
    /// <summary>Juneteenth National Independence Day is a federal holiday from 2021 (Pub. L. 117-17).</summary>
    public const int FirstJuneteenth = 2021;

    public const string Federal = "Federal";
    public const string Configured = "Configured";

    private readonly HashSet<DateOnly> _removed;
    private readonly ILookup<int, DateOnly> _added;

    /// <summary>Each year's holidays (by the year of their date in law), computed once when first needed.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, IReadOnlyList<Holiday>> _years = new();

    /// <summary>Each year's observed days (by the year they are observed in), from the holidays of that year and the next.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Dictionary<DateOnly, List<Holiday>>> _observed = new();

    public HolidayCalendar(Jurisdiction jurisdiction, CareManagementSettings? settings = null)
    {
        Jurisdiction = jurisdiction;
        _removed = ConfiguredDates(settings?.RemovedHolidays, jurisdiction);
        _added = ConfiguredDates(settings?.AddedHolidays, jurisdiction).Where(d => !_removed.Contains(d)).ToLookup(d => d.Year);
    }

    public Jurisdiction Jurisdiction { get; }

    /// <summary>The jurisdiction's name as used in configuration keys and results: "Kansas" or "California".</summary>
    public string JurisdictionName => Jurisdiction.ToString();

    public bool IsHoliday(DateOnly day) => ObservedIn(day.Year).ContainsKey(day);

    public bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    /// <summary>The holidays observed on <paramref name="day"/> (empty when none).</summary>
    public IReadOnlyList<Holiday> HolidaysObservedOn(DateOnly day) => ObservedIn(day.Year).TryGetValue(day, out var list) ? list : [];

    /// <summary>The named holidays whose date in law falls in <paramref name="year"/>, with their observed dates, in date order.</summary>
    public IReadOnlyList<Holiday> HolidaysOf(int year) => Year(year);

    /// <summary>
    /// The <paramref name="businessDays"/>-th business day after <paramref name="day0"/>
    /// (docs/domain/calendar.md#counting-business-days): day 0 is not shifted even when it is a weekend or holiday; 0
    /// returns <paramref name="day0"/>.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly day0, int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(businessDays);
        var day = day0;
        var counted = 0;
        while (counted < businessDays)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>The non-business days strictly after <paramref name="day0"/> up to and including <paramref name="last"/> that are holidays (for explanations).</summary>
    public IReadOnlyList<Holiday> HolidaysBetween(DateOnly day0, DateOnly last) =>
        last <= day0 ? [] : [.. Around(day0.Year, last.Year).Where(h => h.Observed > day0 && h.Observed <= last).OrderBy(h => h.Observed)];

    /// <summary>
    /// The holidays that can be observed in <paramref name="first"/>..<paramref name="last"/>: those of the years around
    /// them too, since New Year's Day on a Saturday is observed on December 31 of the year before.
    /// </summary>
    private IEnumerable<Holiday> Around(int first, int last)
    {
        for (var year = Math.Max(first - 1, DateOnly.MinValue.Year); year <= Math.Min(last + 1, DateOnly.MaxValue.Year - 1); year++)
        {
            foreach (var holiday in Year(year))
            {
                yield return holiday;
            }
        }
    }

    private Dictionary<DateOnly, List<Holiday>> ObservedIn(int year) => _observed.GetOrAdd(year, y =>
    {
        var days = new Dictionary<DateOnly, List<Holiday>>();
        foreach (var holiday in Around(y, y).Where(h => h.Observed.Year == y))
        {
            if (!days.TryGetValue(holiday.Observed, out var list))
            {
                days[holiday.Observed] = list = [];
            }

            list.Add(holiday);
        }

        return days;
    });

    private IReadOnlyList<Holiday> Year(int year) => _years.GetOrAdd(year, y =>
        [.. Shipped(Jurisdiction, y).Where(h => !_removed.Contains(h.Observed))
            .Concat(_added[y].Select(day => new Holiday("Configured holiday", day, day, [Configured])))
            .OrderBy(h => h.Date)]);

    /// <summary>The holidays of one year for a jurisdiction by rule (federal days plus the state's), observed per its rules.</summary>
    internal static IEnumerable<Holiday> Shipped(Jurisdiction jurisdiction, int year)
    {
        var state = jurisdiction.ToString();
        bool kansas = jurisdiction == Jurisdiction.Kansas, california = jurisdiction == Jurisdiction.California;
        var thanksgiving = Nth(year, 11, DayOfWeek.Thursday, 4);

        // 5 U.S.C. 6103; the column says which state statute lists the same day.
        (string Name, DateOnly Date, bool Kansas, bool California)[] federal =
        [
            ("New Year's Day", new DateOnly(year, 1, 1), true, true),
            ("Birthday of Martin Luther King, Jr.", Nth(year, 1, DayOfWeek.Monday, 3), false, true),
            ("Washington's Birthday", Nth(year, 2, DayOfWeek.Monday, 3), false, true),
            ("Memorial Day", Last(year, 5, DayOfWeek.Monday), true, true),
            ("Juneteenth National Independence Day", new DateOnly(year, 6, 19), false, false),
            ("Independence Day", new DateOnly(year, 7, 4), true, true),
            ("Labor Day", Nth(year, 9, DayOfWeek.Monday, 1), true, true),
            ("Columbus Day", Nth(year, 10, DayOfWeek.Monday, 2), false, false),
            ("Veterans Day", new DateOnly(year, 11, 11), true, true),
            ("Thanksgiving Day", thanksgiving, true, true),
            ("Christmas Day", new DateOnly(year, 12, 25), true, true),
        ];
        foreach (var (name, date, inKansas, inCalifornia) in federal.Where(f => year >= FirstJuneteenth || f.Date != new DateOnly(year, 6, 19)))
        {
            List<string> sources = [Federal];
            if ((kansas && inKansas) || (california && inCalifornia))
            {
                sources.Add(state);
            }

            yield return new Holiday(name, date, FederalObserved(date), sources);
        }

        if (california)
        {
            var chavez = new DateOnly(year, 3, 31);
            yield return new Holiday("Cesar Chavez Day", chavez, CaliforniaObserved(chavez, movesSaturday: false), [state]);
            var dayAfter = thanksgiving.AddDays(1);
            yield return new Holiday("Day after Thanksgiving", dayAfter, dayAfter, [state]);
        }
    }

    /// <summary>Federal and Kansas observance: Saturday to the preceding Friday, Sunday to the following Monday.</summary>
    internal static DateOnly FederalObserved(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    /// <summary>California observance (Gov. Code 19853): Sunday to Monday; Saturday to Friday only for Veterans Day.</summary>
    internal static DateOnly CaliforniaObserved(DateOnly date, bool movesSaturday) => date.DayOfWeek switch
    {
        DayOfWeek.Sunday => date.AddDays(1),
        DayOfWeek.Saturday when movesSaturday => date.AddDays(-1),
        _ => date,
    };

    internal static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    internal static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }

    /// <summary>The configured dates for this jurisdiction: keys "Federal" and the jurisdiction's name, case-insensitive.</summary>
    private static HashSet<DateOnly> ConfiguredDates(Dictionary<string, List<string>>? configured, Jurisdiction jurisdiction)
    {
        HashSet<DateOnly> dates = [];
        if (configured is null)
        {
            return dates;
        }

        foreach (var (key, values) in configured)
        {
            if (!string.Equals(key, Federal, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(key, jurisdiction.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values ?? [])
            {
                if (!DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    throw new FormatException($"CareManagement holiday '{value}' under '{key}' is not a yyyy-MM-dd date.");
                }

                dates.Add(day);
            }
        }

        return dates;
    }
}
