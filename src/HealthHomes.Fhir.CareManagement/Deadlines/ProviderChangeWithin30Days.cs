using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-CHANGE-30D: "The assignment to the new ECM Provider will occur within (30) thirty days of the request. The former
/// ECM Provider and the New ECM Provider will be notified of the change in writing." Each Task with code
/// hh-task-code#ecm-provider-change: start = authoredOn; due 30 calendar days; met when all three exist: the Task
/// completed (at executionPeriod.end, else lastModified) and two completed, sent provider-change-notification
/// Communications referencing the Task (basedOn or partOf; to two different recipients when recipients are given);
/// completed = the latest of the three. The explanation names what is missing.
/// </summary>
public sealed class ProviderChangeWithin30Days : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.CalendarDays(30);

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmChange30Days];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        List<DeadlineResult> results = [];
        foreach (var request in record.TasksWithCode(ProgramCodes.EcmProviderChange).Where(t => record.IsForProgram(t, program)))
        {
            if (At(request.AuthoredOn, program) is not { } requested)
            {
                continue;
            }

            var due = Limit.DueFrom(requested, program, context);
            var done = request.Status == FhirTask.TaskStatus.Completed
                ? At(request.ExecutionPeriod?.End, program) ?? At(request.LastModified, program)
                : null;
            var notices = record.Communications
                .Where(c => c.Category.HasCode(ProgramCodes.NotificationTypeSystem, ProgramCodes.ProviderChangeNotification)
                    && (c.BasedOn.Any(r => r.RefersTo("Task", request.Id)) || c.PartOf.Any(r => r.RefersTo("Task", request.Id))))
                .Select(c => (Communication: c, Sent: SentAt(c, program)))
                .Where(x => x.Sent is not null)
                .OrderBy(x => x.Sent)
                .GroupBy(x => x.Communication.Recipient.FirstOrDefault()?.Reference ?? x.Communication.ReferenceTo())
                .Select(g => g.First())
                .Take(2)
                .ToList();

            List<string> missing = [];
            if (done is null)
            {
                missing.Add("the change Task completed (new assignment)");
            }

            if (notices.Count < 2)
            {
                missing.Add(notices.Count == 0 ? "both provider change notifications" : "the second provider change notification");
            }

            DateTimeOffset? completed = missing.Count == 0 ? new[] { done!.Value, notices[0].Sent!.Value, notices[1].Sent!.Value }.Max() : null;
            List<string> evidence = [];
            if (done is not null)
            {
                evidence.Add(request.ReferenceTo());
            }

            evidence.AddRange(notices.Select(n => n.Communication.ReferenceTo()));
            var text = Text($"Provider change requested {clock.Stamp(requested)} ({request.ReferenceTo()}); due by {clock.Day(due)} (30 calendar days)")
                + (done is { } d ? Text($"; change completed {clock.Day(d)}") : "")
                + string.Concat(notices.Select(n => Text($"; {n.Communication.ReferenceTo()} sent {clock.Day(n.Sent!.Value)}")))
                + (missing.Count == 0 ? "." : "; missing: " + string.Join(", ", missing) + ".");
            results.Add(context.Judge(program, RuleIds, record.PatientReference, requested, due, completed,
                [request.ReferenceTo()], completed is null ? [] : evidence, RuleSeverity.Error, text));
        }

        return results;
    }
}
