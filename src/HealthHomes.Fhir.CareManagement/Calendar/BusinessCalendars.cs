using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace HealthHomes.Fhir.CareManagement.Calendar;

/// <summary>
/// The working-day calendar of a program (its jurisdiction's <see cref="HolidayCalendar"/>), built once per settings
/// instance and jurisdiction. The settings' holiday overrides are read when a jurisdiction's calendar is first built.
/// </summary>
public static class BusinessCalendars
{
    private static readonly ConditionalWeakTable<CareManagementSettings, ConcurrentDictionary<Jurisdiction, HolidayCalendar>> Cache = [];

    /// <summary>The calendar for <paramref name="program"/>'s jurisdiction under <paramref name="settings"/> (cached).</summary>
    public static HolidayCalendar For(CareProgram program, CareManagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(program);
        return For(program.Jurisdiction, settings);
    }

    /// <summary>The calendar for <paramref name="jurisdiction"/> under <paramref name="settings"/> (cached).</summary>
    public static HolidayCalendar For(Jurisdiction jurisdiction, CareManagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var perJurisdiction = Cache.GetValue(settings, _ => new ConcurrentDictionary<Jurisdiction, HolidayCalendar>());
        return perJurisdiction.GetOrAdd(jurisdiction, j => new HolidayCalendar(j, settings));
    }

    /// <summary>The <c>Func&lt;CareProgram, IBusinessCalendar&gt;</c> a <see cref="Deadlines.DeadlineContext"/> takes.</summary>
    public static Func<CareProgram, IBusinessCalendar> Factory(CareManagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return program => For(program, settings);
    }
}
