namespace HealthHomes.Fhir.CareManagement.Calendar;

/// <summary>
/// One named holiday of a business calendar: its name, its date in law (<see cref="Date"/>), the weekday it is observed
/// on (<see cref="Observed"/>, after the jurisdiction's weekend rule) and the jurisdictions ("Federal", "Kansas",
/// "California", or "Configured") that make it a holiday.
/// </summary>
public sealed record Holiday(string Name, DateOnly Date, DateOnly Observed, IReadOnlyList<string> Sources)
{
    /// <summary>"Thanksgiving Day 2026-11-26" or "Independence Day 2026-07-04 (observed 2026-07-03)".</summary>
    public override string ToString()
    {
        var date = Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Observed == Date
            ? Name + " " + date
            : Name + " " + date + " (observed " + Observed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
