using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Records;

/// <summary>
/// One outreach attempt (profile hh-outreach-attempt, docs/domain/fhir-mapping.md#outreach-attempts): a Task with code
/// outreach-attempt whose executionPeriod.start is when it was made; inputs modality, contact point attempted,
/// checklist and step; outputs outcome, person reached, callback promised, informed of rights.
/// </summary>
public sealed record OutreachAttempt(
    FhirTask Task,
    DateTimeOffset When,
    string? Modality,
    DataType? ContactPointAttempted,
    string? Checklist,
    string? ChecklistStep,
    string? InteractionCategory,
    string? Outcome,
    HumanName? PersonReachedName,
    ContactPoint? PersonReachedContact,
    DateTimeOffset? CallbackDue,
    bool? InformedOfRights)
{
    public string Reference => "Task/" + Task.Id;

    /// <summary>Completed attempts count (an attempt Task is completed when the attempt was made); others are plans.</summary>
    public bool WasMade => Task.Status == FhirTask.TaskStatus.Completed;

    public bool MadeMemberContact => OutcomeCodes.IsMemberContact(Outcome);

    /// <summary>Reads an attempt from a Task with code outreach-attempt and a start time; null for any other Task.</summary>
    public static OutreachAttempt? From(FhirTask task, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.Code.HasCode(ProgramCodes.TaskCodeSystem, ProgramCodes.OutreachAttempt)
            || FhirValues.Instant(task.ExecutionPeriod?.Start, zone) is not { } when)
        {
            return null;
        }

        return new OutreachAttempt(
            task,
            when,
            task.Input(TaskParameterCodes.Modality).CodeIn(ProgramCodes.ModalitySystem),
            task.Input(TaskParameterCodes.ContactPointAttempted),
            task.Input(TaskParameterCodes.Checklist).CodeIn(ProgramCodes.ChecklistSystem),
            task.Input(TaskParameterCodes.ChecklistStep).CodeIn(ProgramCodes.ChecklistStepSystem),
            task.Input(TaskParameterCodes.InteractionCategory).CodeIn(ProgramCodes.InteractionCategorySystem),
            task.Output(TaskParameterCodes.Outcome).CodeIn(ProgramCodes.OutcomeSystem),
            task.Output(TaskParameterCodes.PersonReachedName) as HumanName,
            task.Output(TaskParameterCodes.PersonReachedContact) as ContactPoint,
            task.Output(TaskParameterCodes.CallbackDue) is FhirDateTime due ? FhirValues.Instant(due.Value, zone) : null,
            (task.Output(TaskParameterCodes.InformedOfRights) as FhirBoolean)?.Value);
    }
}

/// <summary>A checklist step carried out (profile hh-checklist-step): Task code checklist-step, input checklist-step.</summary>
public sealed record ChecklistStepRecord(FhirTask Task, DateTimeOffset When, string Step, string? Checklist)
{
    public string Reference => "Task/" + Task.Id;

    public bool IsDone => Task.Status == FhirTask.TaskStatus.Completed;

    public static ChecklistStepRecord? From(FhirTask task, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.Code.HasCode(ProgramCodes.TaskCodeSystem, ProgramCodes.ChecklistStep)
            || task.Input(TaskParameterCodes.ChecklistStep).CodeIn(ProgramCodes.ChecklistStepSystem) is not { } step)
        {
            return null;
        }

        var when = FhirValues.Instant(task.ExecutionPeriod?.Start, zone) ?? FhirValues.Instant(task.AuthoredOn, zone);
        return when is null ? null : new ChecklistStepRecord(task, when.Value, step, task.Input(TaskParameterCodes.Checklist).CodeIn(ProgramCodes.ChecklistSystem));
    }
}
