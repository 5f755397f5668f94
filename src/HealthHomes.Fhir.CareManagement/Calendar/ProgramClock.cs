namespace HealthHomes.Fhir.CareManagement.Calendar;

/// <summary>
/// Converts instants into a program's local days and times (docs/domain/README.md#day-0-and-within-n-days: day 0 is
/// the local date of the start event in the program's time zone; "within N days" ends at the end of local day N).
/// </summary>
public sealed class ProgramClock(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static ProgramClock For(CareProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new ProgramClock(program.TimeZone);
    }

    /// <summary>The instant in the program's time zone (its offset on that day).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    public TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromDateTime(Local(instant).DateTime);

    public DayOfWeek LocalWeekday(DateTimeOffset instant) => Local(instant).DayOfWeek;

    public TimeOfDayBucket Bucket(DateTimeOffset instant) => TimeOfDayBuckets.Of(LocalTime(instant));

    /// <summary>The first instant of a local day (midnight, or the first valid time on a day the clocks skip it).</summary>
    public DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The last instant of a local day (23:59:59.999 local, with that day's offset): a "within N days" due instant.</summary>
    public DateTimeOffset EndOfDay(DateOnly day) => StartOfDay(day.AddDays(1)).AddMilliseconds(-1).ToOffset(Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(23, 59))));

    /// <summary>Whole local days from <paramref name="from"/> to <paramref name="to"/> (negative when earlier).</summary>
    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
