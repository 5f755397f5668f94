namespace HealthHomes.Fhir.CareManagement.Calendar;

/// <summary>
/// The time-of-day buckets of ECM-OUT-2X and KS-CL3 (docs/domain/README.md#time-of-day): early morning before 09:00,
/// daytime 09:00-17:00, evening from 17:00, in the program's local time.
/// </summary>
public enum TimeOfDayBucket
{
    EarlyMorning,
    Daytime,
    Evening,
}

public static class TimeOfDayBuckets
{
    public static readonly TimeOnly DaytimeStarts = new(9, 0);
    public static readonly TimeOnly EveningStarts = new(17, 0);

    /// <summary>08:59 is early morning, 09:00 daytime, 16:59 daytime, 17:00 evening.</summary>
    public static TimeOfDayBucket Of(TimeOnly localTime) =>
        localTime < DaytimeStarts ? TimeOfDayBucket.EarlyMorning
        : localTime < EveningStarts ? TimeOfDayBucket.Daytime
        : TimeOfDayBucket.Evening;

    /// <summary>The code used in results: early-morning, daytime, evening.</summary>
    public static string Code(this TimeOfDayBucket bucket) => bucket switch
    {
        TimeOfDayBucket.EarlyMorning => "early-morning",
        TimeOfDayBucket.Daytime => "daytime",
        _ => "evening",
    };
}
