using HealthHomes.Fhir.CareManagement.Calendar;

namespace HealthHomes.Fhir.CareManagement.Tests.Calendar;

public sealed class HolidayCalendarTests
{
    private static readonly HolidayCalendar Kansas = new(Jurisdiction.Kansas);
    private static readonly HolidayCalendar California = new(Jurisdiction.California);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Federal_Juneteenth_2027_on_Saturday_is_observed_Friday_June_18_in_both_calendars()
    {
        foreach (var calendar in new[] { Kansas, California })
        {
            Assert.True(calendar.IsHoliday(D(2027, 6, 18)));
            Assert.False(calendar.IsBusinessDay(D(2027, 6, 18)));
            Assert.Contains(calendar.HolidaysOf(2027), h => h.Name.StartsWith("Juneteenth", StringComparison.Ordinal) && h.Observed == D(2027, 6, 18));
        }
    }

    [Fact]
    public void Federal_July_4_2026_on_Saturday_is_observed_Friday_July_3_in_Kansas_and_for_ECM()
    {
        Assert.False(Kansas.IsBusinessDay(D(2026, 7, 3)));
        Assert.False(California.IsBusinessDay(D(2026, 7, 3)));
        Assert.True(Kansas.IsBusinessDay(D(2026, 7, 2)));
        var independence = Assert.Single(California.HolidaysOf(2026), h => h.Name == "Independence Day");
        Assert.Equal(D(2026, 7, 3), independence.Observed);
    }

    [Fact]
    public void Federal_New_Years_Day_2028_on_Saturday_is_observed_Friday_December_31_2027()
    {
        Assert.True(Kansas.IsHoliday(D(2027, 12, 31)));
        Assert.Equal(D(2027, 12, 31), Assert.Single(Kansas.HolidaysOf(2028), h => h.Name == "New Year's Day").Observed);
    }

    [Fact]
    public void California_Veterans_Day_2028_on_Saturday_is_observed_Friday_November_10()
    {
        Assert.False(California.IsBusinessDay(D(2028, 11, 10)));
        Assert.True(California.IsBusinessDay(D(2028, 11, 13)));
    }

    [Fact]
    public void California_Cesar_Chavez_Day_2024_on_Sunday_is_observed_Monday_April_1_and_is_not_a_Kansas_holiday()
    {
        Assert.False(California.IsBusinessDay(D(2024, 4, 1)));
        Assert.True(Kansas.IsBusinessDay(D(2024, 4, 1)));
        Assert.Contains(California.HolidaysOf(2024), h => h.Name == "Cesar Chavez Day" && h.Observed == D(2024, 4, 1));
    }

    [Fact]
    public void California_Cesar_Chavez_Day_2029_on_Saturday_is_not_moved_to_Friday()
    {
        Assert.True(California.IsBusinessDay(D(2029, 3, 30)));
        Assert.Equal(D(2029, 3, 31), Assert.Single(California.HolidaysOf(2029), h => h.Name == "Cesar Chavez Day").Observed);
    }

    [Fact]
    public void Day_after_Thanksgiving_2026_is_a_California_holiday_but_not_shipped_for_Kansas()
    {
        Assert.False(California.IsBusinessDay(D(2026, 11, 27)));
        Assert.True(Kansas.IsBusinessDay(D(2026, 11, 27)));
        Assert.False(Kansas.IsBusinessDay(D(2026, 11, 26)));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    [InlineData(2029)]
    [InlineData(2030)]
    [InlineData(2031)]
    [InlineData(2075)]
    [InlineData(2199)]
    public void Every_year_from_2021_has_11_federal_holidays_and_California_adds_2(int year)
    {
        Assert.Equal(11, Kansas.HolidaysOf(year).Count);
        Assert.Equal(13, California.HolidaysOf(year).Count);
        Assert.All(Kansas.HolidaysOf(year), h => Assert.Contains(HolidayCalendar.Federal, h.Sources));
        var thanksgiving = California.HolidaysOf(year).Single(h => h.Name == "Thanksgiving Day").Date;
        Assert.Equal(DayOfWeek.Thursday, thanksgiving.DayOfWeek);
        Assert.InRange(thanksgiving.Day, 22, 28);
        Assert.Equal(thanksgiving.AddDays(1), California.HolidaysOf(year).Single(h => h.Name == "Day after Thanksgiving").Observed);
    }

    [Theory]
    [InlineData(2031, 12, 25, true)]   // a Thursday, no horizon after 2030
    [InlineData(2031, 11, 27, true)]   // Thanksgiving 2031
    [InlineData(2032, 12, 31, true)]   // New Year's Day 2033 is a Saturday: observed on Friday, the year before
    [InlineData(2033, 1, 3, false)]    // ... and not on the Monday after
    [InlineData(2049, 12, 24, true)]   // Christmas 2049 is a Saturday: observed on Friday
    [InlineData(2099, 7, 3, true)]     // Independence Day 2099 is a Saturday
    [InlineData(2023, 12, 25, true)]   // before 2024 too
    [InlineData(2021, 6, 18, true)]    // the first Juneteenth, a Saturday: observed on Friday
    [InlineData(2020, 6, 19, false)]   // Juneteenth was not a federal holiday before 2021
    public void Holidays_are_computed_for_any_year(int year, int month, int day, bool holiday)
        => Assert.Equal(holiday, Kansas.IsHoliday(D(year, month, day)));

    [Fact]
    public void A_business_day_count_crosses_into_a_year_after_2030()
        => Assert.Equal(D(2035, 1, 2), Kansas.AddBusinessDays(D(2034, 12, 21), 6)); // Dec 25 and Jan 1 are skipped

    [Fact]
    public void Configuration_adds_a_Kansas_Governor_day_and_removes_a_federal_day()
    {
        var settings = new CareManagementSettings
        {
            AddedHolidays = { ["Kansas"] = ["2026-11-27"] },
            RemovedHolidays = { ["Federal"] = ["2026-10-12"] },
        };
        var kansas = new HolidayCalendar(Jurisdiction.Kansas, settings);
        var california = new HolidayCalendar(Jurisdiction.California, settings);

        Assert.False(kansas.IsBusinessDay(D(2026, 11, 27)));
        Assert.True(kansas.IsBusinessDay(D(2026, 10, 12)));
        Assert.True(california.IsBusinessDay(D(2026, 10, 12)));
        Assert.Contains(HolidayCalendar.Configured, kansas.HolidaysObservedOn(D(2026, 11, 27))[0].Sources);
    }

    [Fact]
    public void A_configured_date_that_is_not_yyyy_MM_dd_is_rejected()
    {
        var settings = new CareManagementSettings { AddedHolidays = { ["California"] = ["11/27/2026"] } };

        Assert.Throws<FormatException>(() => new HolidayCalendar(Jurisdiction.California, settings));
    }

    [Fact]
    public void Ten_business_days_in_Kansas_skip_a_weekend_and_MLK_day()
    {
        // Mon 2026-01-12: weekends 17-18 and 24-25, MLK Mon 2026-01-19.
        Assert.Equal(D(2026, 1, 27), Kansas.AddBusinessDays(D(2026, 1, 12), 10));
        Assert.Contains(Kansas.HolidaysBetween(D(2026, 1, 12), D(2026, 1, 27)), h => h.Name.StartsWith("Birthday of Martin", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2025-11-26", 5, "2025-12-05")] // Thanksgiving and the day after
    [InlineData("2025-12-24", 5, "2026-01-02")] // Christmas and New Year's Day
    [InlineData("2025-12-19", 10, "2026-01-06")]
    public void California_business_days_match_the_reference_worked_examples(string day0, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            California.AddBusinessDays(DateOnly.Parse(day0, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void Day_0_on_a_weekend_is_not_shifted_and_0_business_days_is_day_0()
    {
        Assert.Equal(D(2026, 1, 5), California.AddBusinessDays(D(2026, 1, 3), 1));
        Assert.Equal(D(2026, 1, 3), California.AddBusinessDays(D(2026, 1, 3), 0));
    }

    [Fact]
    public void The_factory_gives_each_program_its_jurisdiction_and_caches_per_settings()
    {
        var settings = new CareManagementSettings();
        var calendars = BusinessCalendars.Factory(settings);

        var ks = Assert.IsType<HolidayCalendar>(calendars(CareProgram.KsHealthHomes));
        Assert.Equal(Jurisdiction.Kansas, ks.Jurisdiction);
        Assert.Equal(Jurisdiction.California, BusinessCalendars.For(CareProgram.EnhancedCareManagement, settings).Jurisdiction);
        Assert.Same(ks, BusinessCalendars.For(CareProgram.KsHealthHomes, settings));
        Assert.NotSame(ks, BusinessCalendars.For(CareProgram.KsHealthHomes, new CareManagementSettings()));
    }
}
