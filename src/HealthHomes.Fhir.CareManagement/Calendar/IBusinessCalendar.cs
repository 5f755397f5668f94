namespace HealthHomes.Fhir.CareManagement.Calendar;

/// <summary>
/// A program's working days: Monday-Friday minus its observed holidays (federal plus the state's;
/// docs/domain/calendar.md#business-days). Counting convention (docs/domain/calendar.md#counting-business-days):
/// day 0 is the start event's local date even when it is not a working day; the N-th working day after it is the last
/// on-time date.
/// </summary>
public interface IBusinessCalendar
{
    bool IsHoliday(DateOnly day);

    bool IsBusinessDay(DateOnly day);

    /// <summary>The <paramref name="businessDays"/>-th business day after <paramref name="day0"/>.</summary>
    DateOnly AddBusinessDays(DateOnly day0, int businessDays);
}
