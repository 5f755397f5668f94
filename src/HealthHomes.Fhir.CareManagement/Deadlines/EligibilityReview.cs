using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// An ECM eligibility review (Task code hh-task-code#ecm-eligibility-review) as the ECM-ELIG-* rules read it: received
/// at authoredOn; expedited when priority is urgent, asap or stat; decided when status is completed (approved) or
/// rejected (denied), at executionPeriod.end, else lastModified.
/// </summary>
public sealed record EligibilityReview(FhirTask Task, DateTimeOffset Received, bool Expedited, string? Decision, DateTimeOffset? DecidedAt)
{
    public string Reference => "Task/" + Task.Id;

    /// <summary>The member's eligibility reviews that concern ECM (name no enrollment or an ECM one) and have a received instant.</summary>
    public static IReadOnlyList<EligibilityReview> Of(MemberRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var program = CareProgram.EnhancedCareManagement;
        return [.. record.TasksWithCode(ProgramCodes.EcmEligibilityReview)
            .Where(t => record.IsForProgram(t, program))
            .Select(t => From(t, program))
            .OfType<EligibilityReview>()
            .OrderBy(r => r.Received)];
    }

    private static EligibilityReview? From(FhirTask task, CareProgram program)
    {
        if (At(task.AuthoredOn, program) is not { } received)
        {
            return null;
        }

        var decision = task.Status switch
        {
            FhirTask.TaskStatus.Completed => "approved",
            FhirTask.TaskStatus.Rejected => "denied",
            _ => null,
        };
        var decidedAt = decision is null ? null : At(task.ExecutionPeriod?.End, program) ?? At(task.LastModified, program);
        return new EligibilityReview(task, received, task.Priority is RequestPriority.Urgent or RequestPriority.Asap or RequestPriority.Stat, decision, decidedAt);
    }
}
