using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Deadlines;
using static HealthHomes.Fhir.CareManagement.Tests.Deadlines.Fhir;

namespace HealthHomes.Fhir.CareManagement.Tests.Deadlines;

public sealed class DeadlineLimitTests
{
    private static readonly ProgramClock Chicago = ProgramClock.For(CareProgram.KsHealthHomes);
    private static readonly ProgramClock LosAngeles = ProgramClock.For(CareProgram.EnhancedCareManagement);
    private static readonly HolidayCalendar Kansas = new(Jurisdiction.Kansas);
    private static readonly HolidayCalendar California = new(Jurisdiction.California);

    [Fact]
    public void KS_HAP_90_calendar_days_end_at_local_midnight_with_the_due_days_CDT_offset_not_the_starts_CST()
    {
        var due = DeadlineLimit.CalendarDays(90).DueFrom(At("2026-01-05T10:00:00-06:00"), Chicago, Kansas);

        Assert.Equal(new DateTimeOffset(2026, 4, 5, 23, 59, 59, 999, TimeSpan.FromHours(-5)), due);
        Assert.Equal(TimeSpan.FromHours(-5), due.Offset);
    }

    [Fact]
    public void Calendar_day_0_is_the_local_date_so_an_event_late_at_night_UTC_counts_from_the_previous_local_day()
    {
        // 2026-02-03T07:30Z is Mon 2026-02-02 23:30 in Los Angeles.
        var due = DeadlineLimit.CalendarDays(7).DueFrom(At("2026-02-03T07:30:00Z"), LosAngeles, California);

        Assert.Equal(new DateTimeOffset(2026, 2, 9, 23, 59, 59, 999, TimeSpan.FromHours(-8)), due);
    }

    [Fact]
    public void ECM_ELIG_72H_hours_run_through_the_weekend()
    {
        var due = DeadlineLimit.Hours(72).DueFrom(At("2026-01-09T16:00:00-08:00"), LosAngeles, California);

        Assert.Equal(new DateTimeOffset(2026, 1, 12, 16, 0, 0, TimeSpan.FromHours(-8)), due);
    }

    [Fact]
    public void ECM_ELIG_5BD_business_days_end_at_the_end_of_the_5th_California_business_day()
    {
        var due = DeadlineLimit.BusinessDays(5).DueFrom(At("2025-11-26T10:00:00-08:00"), LosAngeles, California);

        Assert.Equal(new DateTimeOffset(2025, 12, 5, 23, 59, 59, 999, TimeSpan.FromHours(-8)), due);
    }

    [Fact]
    public void KS_HHP_EHR_months_clamp_to_the_last_day_of_the_month()
    {
        Assert.Equal(new DateOnly(2026, 2, 28), Chicago.LocalDate(DeadlineLimit.Months(1).DueFrom(At("2026-01-31T12:00:00-06:00"), Chicago, Kansas)));
        Assert.Equal(new DateOnly(2029, 2, 28), Chicago.LocalDate(DeadlineLimit.Months(12).DueFrom(At("2028-02-29T12:00:00-06:00"), Chicago, Kansas)));
        Assert.Equal("18 months", DeadlineLimit.Months(18).ToString());
    }
}
