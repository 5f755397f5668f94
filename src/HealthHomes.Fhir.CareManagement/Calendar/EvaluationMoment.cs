using System.Globalization;

namespace HealthHomes.Fhir.CareManagement.Calendar;

/// <summary>
/// What an evaluation is "as of": an exact instant (a dateTime with its offset), or a calendar day (a bare date such as
/// 2026-03-30). A calendar day stands for the first instant of that day in each program's own time zone (00:00 in
/// America/Chicago for Kansas Health Homes, in America/Los_Angeles for CalAIM ECM), the way stored bare dates
/// (an enrollment's period.start) are read: the day's own events are not yet in, a deadline that ended the day before
/// is missed, and days remaining count from that local date. A call spanning both programs judges each rule in its own
/// program's zone.
/// </summary>
public readonly record struct EvaluationMoment
{
    private readonly DateTimeOffset? _instant;

    private EvaluationMoment(DateTimeOffset? instant, DateOnly? day)
    {
        _instant = instant;
        Day = day;
    }

    /// <summary>The exact instant, when the moment is one (else null).</summary>
    public DateTimeOffset? Instant => _instant;

    /// <summary>The calendar day, when the moment is one (else null).</summary>
    public DateOnly? Day { get; }

    public static EvaluationMoment At(DateTimeOffset instant) => new(instant, null);

    public static EvaluationMoment OnDay(DateOnly day) => new(null, day);

    /// <summary>The instant in <paramref name="program"/>'s terms: the instant itself, or the start of the day in the program's zone.</summary>
    public DateTimeOffset In(CareProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return _instant ?? ProgramClock.For(program).StartOfDay(Day!.Value);
    }

    /// <summary>The calendar date the moment falls on in <paramref name="program"/>'s zone.</summary>
    public DateOnly DateIn(CareProgram program) => Day ?? ProgramClock.For(program).LocalDate(_instant!.Value);

    /// <summary>The date as given: the day, or the instant's date in its own offset.</summary>
    public DateOnly CalendarDate => Day ?? DateOnly.FromDateTime(_instant!.Value.DateTime);

    /// <summary>The instant, or the day as yyyy-MM-dd (how results name the moment when no one program applies).</summary>
    public override string ToString()
        => _instant is { } instant ? instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture) : Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
