using System.Globalization;
using HealthHomes.Fhir.CareManagement.Calendar;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>The unit of a rule's time limit (docs/domain/README.md#counting-time).</summary>
public enum DeadlineUnit
{
    CalendarDays,
    BusinessDays,
    Hours,
    Months,
}

/// <summary>
/// A rule's time limit and how its due instant follows from the start instant (docs/domain/README.md#counting-time),
/// in the program's time zone: N calendar days = end of local day (day 0 + N); N business days = end of the N-th
/// business day after day 0 (day 0 not shifted); N hours = start + N x 3600 s, 24x7; N months = end of local day
/// (day 0 + N calendar months, clamped to the month's last day). The due instant carries the program's offset.
/// </summary>
public readonly record struct DeadlineLimit(int Amount, DeadlineUnit Unit)
{
    public static DeadlineLimit CalendarDays(int days) => new(days, DeadlineUnit.CalendarDays);

    public static DeadlineLimit BusinessDays(int days) => new(days, DeadlineUnit.BusinessDays);

    public static DeadlineLimit Hours(int hours) => new(hours, DeadlineUnit.Hours);

    public static DeadlineLimit Months(int months) => new(months, DeadlineUnit.Months);

    /// <summary>The due instant for a clock started at <paramref name="start"/>.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset start, ProgramClock clock, IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(Amount);
        var day0 = clock.LocalDate(start);
        return Unit switch
        {
            DeadlineUnit.CalendarDays => clock.EndOfDay(day0.AddDays(Amount)),
            DeadlineUnit.BusinessDays => clock.EndOfDay(calendar.AddBusinessDays(day0, Amount)),
            DeadlineUnit.Hours => clock.Local(start.AddHours(Amount)),
            _ => clock.EndOfDay(day0.AddMonths(Amount)),
        };
    }

    /// <summary>The due instant with the program's clock and the context's calendar for it.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset start, CareProgram program, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(context);
        return DueFrom(start, DeadlineContext.ClockFor(program), context.CalendarFor(program));
    }

    /// <summary>"90 calendar days", "5 business days", "72 hours", "12 months".</summary>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + " " + Unit switch
    {
        DeadlineUnit.CalendarDays => "calendar days",
        DeadlineUnit.BusinessDays => "business days",
        DeadlineUnit.Hours => "hours",
        _ => "months",
    };
}
