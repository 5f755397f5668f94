using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Deadlines;

namespace HealthHomes.Fhir.CareManagement.Tests.Calendar;

/// <summary>
/// A bare-date asOf is the first instant of that calendar day in each program's own zone, across
/// the DST changes; a deadline that ended the day before is missed, days remaining count from that local date, and an
/// attempt made in the local evening before counts. (Read as 00:00 UTC, the day began the evening before in both zones.)
/// </summary>
public sealed class EvaluationMomentTests
{
    private static readonly CareManagementSettings Settings = new();

    public static TheoryData<string, string, string> Starts => new()
    {
        // day, program, the instant it stands for
        { "2026-03-30", ProgramCodes.KsHealthHomes, "2026-03-30T00:00:00-05:00" },
        { "2026-03-30", ProgramCodes.EnhancedCareManagement, "2026-03-30T00:00:00-07:00" },
        { "2026-03-08", ProgramCodes.KsHealthHomes, "2026-03-08T00:00:00-06:00" },          // DST begins at 02:00 that day
        { "2026-03-09", ProgramCodes.KsHealthHomes, "2026-03-09T00:00:00-05:00" },
        { "2026-11-01", ProgramCodes.EnhancedCareManagement, "2026-11-01T00:00:00-07:00" }, // DST ends at 02:00 that day
        { "2026-11-02", ProgramCodes.EnhancedCareManagement, "2026-11-02T00:00:00-08:00" },
        { "2026-01-15", ProgramCodes.KsHealthHomes, "2026-01-15T00:00:00-06:00" },
    };

    [Theory]
    [MemberData(nameof(Starts))]
    public void A_calendar_day_is_its_first_instant_in_the_programs_zone(string day, string program, string instant)
    {
        var moment = EvaluationMoment.OnDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), moment.In(CareProgram.ForCode(program)!));
        Assert.Equal(TimeSpan.Parse(instant[^6..].Replace("+", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture), moment.In(CareProgram.ForCode(program)!).Offset);
    }

    [Theory]
    [InlineData(ProgramCodes.KsHealthHomes)]
    [InlineData(ProgramCodes.EnhancedCareManagement)]
    public void A_deadline_that_ended_the_day_before_is_missed_as_of_the_bare_date(string code)
    {
        var program = CareProgram.ForCode(code)!;
        var clock = ProgramClock.For(program);
        var result = Judge(program, due: clock.EndOfDay(new DateOnly(2026, 3, 29)), completed: null, asOf: new DateOnly(2026, 3, 30));
        Assert.Equal(ComplianceState.Missed, result.State);
        Assert.Equal(-1, result.DaysRemaining);
    }

    [Theory]
    [InlineData(ProgramCodes.KsHealthHomes)]
    [InlineData(ProgramCodes.EnhancedCareManagement)]
    public void A_deadline_due_that_day_has_0_days_left_and_is_at_risk(string code)
    {
        var program = CareProgram.ForCode(code)!;
        var result = Judge(program, due: ProgramClock.For(program).EndOfDay(new DateOnly(2026, 3, 30)), completed: null, asOf: new DateOnly(2026, 3, 30));
        Assert.Equal(ComplianceState.AtRisk, result.State);
        Assert.Equal(0, result.DaysRemaining);
    }

    [Theory]
    [InlineData(ProgramCodes.KsHealthHomes, "2026-03-29T21:00:00-05:00")]
    [InlineData(ProgramCodes.EnhancedCareManagement, "2026-03-29T23:30:00-07:00")]
    public void An_attempt_in_the_local_evening_before_counts(string code, string made)
    {
        var program = CareProgram.ForCode(code)!;
        var result = Judge(program, due: ProgramClock.For(program).EndOfDay(new DateOnly(2026, 4, 5)), completed: DateTimeOffset.Parse(made, System.Globalization.CultureInfo.InvariantCulture), asOf: new DateOnly(2026, 3, 30));
        Assert.Equal(ComplianceState.Met, result.State);
    }

    [Fact]
    public void An_instant_is_the_same_in_every_program()
    {
        var instant = new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.FromHours(-5));
        var moment = EvaluationMoment.At(instant);
        Assert.Equal(instant, moment.In(CareProgram.KsHealthHomes));
        Assert.Equal(instant, moment.In(CareProgram.EnhancedCareManagement));
        Assert.Equal(new DateOnly(2026, 3, 30), moment.DateIn(CareProgram.EnhancedCareManagement));
    }

    [Fact]
    public void A_calendar_day_needs_a_program_before_it_is_an_instant()
    {
        var context = new DeadlineContext(EvaluationMoment.OnDay(new DateOnly(2026, 3, 30)), Settings, BusinessCalendars.Factory(Settings));
        Assert.Throws<InvalidOperationException>(() => context.AsOf);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(-5)), context.For(CareProgram.KsHealthHomes).AsOf);
    }

    private static DeadlineResult Judge(CareProgram program, DateTimeOffset due, DateTimeOffset? completed, DateOnly asOf)
    {
        var context = new DeadlineContext(EvaluationMoment.OnDay(asOf), Settings, BusinessCalendars.Factory(Settings));
        var start = due.AddDays(-30);
        return context.Judge(program, [program.IsEcm ? RuleIds.EcmAssign10BusinessDays : RuleIds.KsHap90], "Patient/x", start, due, completed, [], [], RuleSeverity.Error);
    }
}
