using HealthHomes.Fhir.CareManagement.Engagement;

namespace HealthHomes.Fhir.CareManagement.Tests.Engagement;

public sealed class AttemptCountsTests
{
    [Fact]
    public void Counts_by_bucket_08_59_early_09_00_daytime_16_59_daytime_17_00_evening_and_by_weekday_and_modality()
    {
        var result = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-10 08:59", "no-answer")
            .Attempt("2026-02-11 09:00", "no-answer")
            .Attempt("2026-02-12 16:59", "no-answer", modality: "text")
            .Attempt("2026-02-12 17:00", "no-answer")
            .Assess("2026-02-13 12:00");

        Assert.Equal(4, result.Attempts.Total);
        Assert.Equal(new Dictionary<string, int> { ["early-morning"] = 1, ["daytime"] = 2, ["evening"] = 1 }, result.Attempts.ByTimeOfDay);
        Assert.Equal(new Dictionary<string, int> { ["tuesday"] = 1, ["wednesday"] = 1, ["thursday"] = 2 }, result.Attempts.ByWeekday);
        Assert.Equal(new Dictionary<string, int> { ["phone"] = 3, ["text"] = 1 }, result.Attempts.ByModality);
    }

    [Theory]
    [InlineData("08:59", true)]
    [InlineData("09:00", false)]
    [InlineData("16:59", false)]
    [InlineData("17:00", true)]
    public void Early_or_late_call_done_by_a_later_call_before_09_00_or_from_17_00_KS_CL3_7D(string time, bool done)
    {
        var result = OutreachRecordBuilder.KsHh()
            .Attempt("2026-02-09 10:00", "no-answer")
            .Attempt("2026-02-10 " + time, "no-answer", step: "early-or-late-call")
            .Assess("2026-02-10 20:00");

        var step = result.Steps.Single(s => s.Code == "early-or-late-call");
        Assert.Equal(done, step.Done);
        Assert.Equal(RuleIds.KsCl3SevenDays, step.Rule);
    }

    [Fact]
    public void The_first_failed_call_itself_is_not_another_early_or_late_call()
    {
        var result = OutreachRecordBuilder.KsHh().Attempt("2026-02-09 07:30", "no-answer").Assess("2026-02-09 20:00");

        Assert.False(result.Steps.Single(s => s.Code == "early-or-late-call").Done);
    }
}
