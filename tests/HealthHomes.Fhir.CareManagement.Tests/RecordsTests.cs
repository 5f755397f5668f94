using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Tests;

public sealed class RecordsTests
{
    [Fact]
    public void An_attempt_reads_its_inputs_and_outputs_by_parameter_code()
    {
        var task = new FhirTask
        {
            Id = "a1",
            Status = FhirTask.TaskStatus.Completed,
            Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, ProgramCodes.OutreachAttempt),
            ExecutionPeriod = new Period { Start = "2026-02-10T08:15:00-06:00" },
            Input = [new() { Type = new CodeableConcept(ProgramCodes.TaskParameterSystem, "modality"), Value = new CodeableConcept(ProgramCodes.ModalitySystem, "phone") }],
            Output = [new() { Type = new CodeableConcept(ProgramCodes.TaskParameterSystem, "outreach-outcome"), Value = new CodeableConcept(ProgramCodes.OutcomeSystem, "wrong-number") }],
        };

        var attempt = OutreachAttempt.From(task, CareProgram.KsHealthHomes.TimeZone)!;

        Assert.Equal("phone", attempt.Modality);
        Assert.Equal("wrong-number", attempt.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 14, 15, 0, TimeSpan.Zero), attempt.When);
        Assert.Equal(TimeOfDayBucket.EarlyMorning, ProgramClock.For(CareProgram.KsHealthHomes).Bucket(attempt.When));
        Assert.False(attempt.MadeMemberContact);
    }

    [Fact]
    public void A_date_without_time_is_the_start_of_that_day_in_the_program_zone()
    {
        var start = FhirValues.Instant("2026-01-09", CareProgram.EnhancedCareManagement.TimeZone);

        Assert.Equal(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.FromHours(-8)), start);
    }

    [Fact]
    public void End_of_local_day_carries_the_program_offset()
    {
        var clock = ProgramClock.For(CareProgram.KsHealthHomes);

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 23, 59, 59, 999, TimeSpan.FromHours(-5)), clock.EndOfDay(new DateOnly(2026, 7, 1)));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 23, 59, 59, 999, TimeSpan.FromHours(-6)), clock.EndOfDay(new DateOnly(2026, 1, 1)));
    }
}
