using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Referrals;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace HealthHomes.Fhir.CareManagement.Tests.Referrals;

/// <summary>Monday-Friday, no holidays: enough for counting business days in tests.</summary>
internal sealed class WeekdayCalendar : IBusinessCalendar
{
    public bool IsHoliday(DateOnly day) => false;

    public bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly AddBusinessDays(DateOnly day0, int businessDays)
    {
        var day = day0;
        for (var counted = 0; counted < businessDays;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                counted++;
            }
        }

        return day;
    }
}

public sealed class ReferralMetricsTests
{
    private static readonly TimeSpan Pst = TimeSpan.FromHours(-8);
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateOnly April = new(2026, 4, 1);

    private static DeadlineContext Context(DateTimeOffset asOf) => new(asOf, new CareManagementSettings(), _ => new WeekdayCalendar());

    /// <summary>Monday 2026-03-02 09:00 Los Angeles; 10 business days later is Monday 2026-03-16.</summary>
    private static readonly DateTimeOffset Authored = new(2026, 3, 2, 9, 0, 0, Pst);

    private static FhirTask Version(string id, TaskStatus status, DateTimeOffset written, string? owner = "Organization/ecm-a", string? reason = null) => new()
    {
        Id = id,
        Status = status,
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, ProgramCodes.Referral),
        AuthoredOn = Authored.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        Owner = owner is null ? null : new ResourceReference(owner),
        StatusReason = reason is null ? null : new CodeableConcept(ProgramCodes.ReferralClosureSystem, reason) { Text = reason },
        Meta = new Meta { LastUpdated = written },
    };

    private static ReferralMetricsReport Compute(DateTimeOffset asOf, params IReadOnlyList<FhirTask>[] histories) =>
        ReferralMetrics.Compute(
            histories.Select(h => h[^1]),
            histories.ToDictionary(h => h[0].Id!, h => h),
            March,
            April,
            Context(asOf));

    [Fact]
    public void ECM_CLR_a_first_response_at_the_end_of_business_day_10_is_on_time_and_the_next_minute_after_midnight_is_overdue()
    {
        var onTime = new[] { Version("on-time", TaskStatus.Requested, Authored), Version("on-time", TaskStatus.Accepted, new DateTimeOffset(2026, 3, 16, 23, 59, 0, TimeSpan.FromHours(-7))) };
        var late = new[] { Version("late", TaskStatus.Requested, Authored), Version("late", TaskStatus.Accepted, new DateTimeOffset(2026, 3, 17, 0, 1, 0, TimeSpan.FromHours(-7))) };

        var metrics = Compute(new DateTimeOffset(2026, 4, 15, 0, 0, 0, Pst), onTime, late).For("Organization/ecm-a")!;

        Assert.Equal(2, metrics.Received);
        Assert.Equal(["Task/late"], metrics.OverdueReferrals);
        Assert.Equal(2, metrics.Open);
    }

    [Fact]
    public void ECM_CLR_no_response_is_overdue_only_once_business_day_10_has_ended()
    {
        var pending = new[] { Version("pending", TaskStatus.Requested, Authored) };

        var onDay10 = Compute(new DateTimeOffset(2026, 3, 16, 23, 0, 0, TimeSpan.FromHours(-7)), pending).For("Organization/ecm-a")!;
        var onDay11 = Compute(new DateTimeOffset(2026, 3, 17, 0, 30, 0, TimeSpan.FromHours(-7)), pending).For("Organization/ecm-a")!;

        Assert.Equal(0, onDay10.Overdue);
        Assert.Equal(0, onDay10.AwaitingResponseOverdue);
        Assert.Equal(1, onDay11.Overdue);
        Assert.Equal(["Task/pending"], onDay11.AwaitingResponseOverdueReferrals);
    }

    [Fact]
    public void ECM_CLR_medians_of_first_response_and_closure_and_the_unable_to_reach_rate()
    {
        var a = new[]
        {
            Version("a", TaskStatus.Requested, Authored),
            Version("a", TaskStatus.Accepted, Authored.AddHours(10)),
            Version("a", TaskStatus.Completed, Authored.AddHours(100), reason: "completed"),
        };
        var b = new[]
        {
            Version("b", TaskStatus.Requested, Authored),
            Version("b", TaskStatus.Accepted, Authored.AddHours(20)),
            Version("b", TaskStatus.Failed, Authored.AddHours(200), reason: ReferralMetrics.MemberUnableToReach),
        };
        var c = new[]
        {
            Version("c", TaskStatus.Requested, Authored),
            Version("c", TaskStatus.Rejected, Authored.AddHours(60), reason: "provider-denied-capacity"),
        };
        var d = new[] { Version("d", TaskStatus.Requested, Authored), Version("d", TaskStatus.Accepted, Authored.AddHours(30)) };

        var metrics = Compute(new DateTimeOffset(2026, 4, 15, 0, 0, 0, Pst), a, b, c, d).For("Organization/ecm-a")!;

        Assert.Equal(TimeSpan.FromHours(25), metrics.MedianTimeToFirstResponse);
        Assert.Equal(TimeSpan.FromHours(100), metrics.MedianTimeToClosure);
        Assert.Equal(3, metrics.Closed);
        Assert.Equal(1, metrics.ClosedByReason[ReferralMetrics.MemberUnableToReach]);
        Assert.Equal(1, metrics.ClosedByReason["provider-denied-capacity"]);
        Assert.Equal(1.0 / 3, metrics.UnableToReachRate!.Value, 6);
        Assert.Equal(1, metrics.Open);
    }

    [Fact]
    public void ECM_CLR_referrals_group_by_owner_with_unassigned_and_no_closures_means_no_rate_or_median()
    {
        var owned = new[] { Version("x", TaskStatus.Requested, Authored, owner: "Organization/ecm-b") };
        var nobody = new[] { Version("y", TaskStatus.Requested, Authored, owner: null) };

        var report = Compute(new DateTimeOffset(2026, 3, 5, 0, 0, 0, Pst), owned, nobody);

        Assert.Equal(["Organization/ecm-b", ReferralMetrics.Unassigned], report.Providers.Select(p => p.Provider));
        var unassigned = report.For(ReferralMetrics.Unassigned)!;
        Assert.Null(unassigned.UnableToReachRate);
        Assert.Null(unassigned.MedianTimeToClosure);
        Assert.Null(unassigned.MedianTimeToFirstResponse);
    }

    [Fact]
    public void ECM_CLR_versions_written_after_the_cutoff_are_not_seen()
    {
        var history = new[]
        {
            Version("z", TaskStatus.Requested, Authored),
            Version("z", TaskStatus.Completed, new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(-7)), reason: "completed"),
        };

        var march = Compute(new DateTimeOffset(2026, 4, 15, 0, 0, 0, Pst), history).For("Organization/ecm-a")!;

        Assert.Equal(1, march.Open);
        Assert.Equal(0, march.Closed);
    }

    [Fact]
    public void ECM_CLR_median_of_an_even_count_averages_the_middle_two()
    {
        Assert.Equal(TimeSpan.FromHours(15), ReferralMetrics.Median([TimeSpan.FromHours(30), TimeSpan.FromHours(10), TimeSpan.FromHours(20), TimeSpan.FromHours(1)]));
        Assert.Null(ReferralMetrics.Median([]));
    }
}
