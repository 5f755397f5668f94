using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// KS-HAP-90: "Health Home Program Health Action Plans (HAPs) are to be completed within 90 days of enrollment with the
/// Health Home Partner." One instance per ks-hh enrollment: start = EpisodeOfCare.period.start; due 90 calendar days;
/// met by the earliest HAP CarePlan of the enrollment (category health-action-plan, status active or completed) at its
/// hh-completion-date, else its created date (docs/domain/health-homes.md#ks-hap-90). Not applicable when the
/// enrollment ended, or the member refused the program (an opt-out Consent), before the HAP was due and no HAP was
/// completed.
/// </summary>
public sealed class HapWithin90Days : IDeadlineRule
{
    public static readonly DeadlineLimit Limit = DeadlineLimit.CalendarDays(90);

    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.KsHap90];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        return [.. record.EnrollmentsIn(CareProgram.KsHealthHomes).Select(e => EvaluateEnrollment(record, e, context))];
    }

    /// <summary>KS-HAP-90 for one ks-hh enrollment.</summary>
    public static DeadlineResult EvaluateEnrollment(MemberRecord record, Enrollment enrollment, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(context);
        var program = enrollment.Program;
        var clock = DeadlineContext.ClockFor(program);
        var due = Limit.DueFrom(enrollment.Start, program, context);
        var hap = record.CarePlans
            .Where(p => p.Category.HasCode(ProgramCodes.CarePlanCategorySystem, ProgramCodes.HealthActionPlan)
                && p.Status is RequestStatus.Active or RequestStatus.Completed
                && record.BelongsTo(p, enrollment))
            .Select(p => (Plan: p, When: CompletedAt(p, program)))
            .Where(x => x.When is not null)
            .OrderBy(x => x.When)
            .FirstOrDefault();

        string explanation;
        if (hap.Plan is not null)
        {
            var source = (hap.Plan.ExtensionValue(ProgramCodes.CompletionDateExtension) as FhirDateTime)?.Value is not null ? "hh-completion-date" : "created";
            explanation = Text($"Enrolled {clock.Day(enrollment.Start)}; HAP due by {clock.Day(due)} (90 calendar days); HAP {hap.Plan.ReferenceTo()} completed {clock.Day(hap.When!.Value)} (its {source}), day {ProgramClock.DaysBetween(clock.LocalDate(enrollment.Start), clock.LocalDate(hap.When.Value))}.");
        }
        else if (enrollment.End is { } end && end <= context.AsOf && end < due)
        {
            return DeadlineContext.NotApplicable(
                [CareManagement.RuleIds.KsHap90], record.PatientReference, RuleSeverity.Error,
                Text($"Enrollment {enrollment.Reference} ended {clock.Day(end)}, before its HAP was due ({clock.Day(due)}), without an active or completed HAP."));
        }
        else if (record.RefusalsOf(enrollment, context.AsOf < due ? context.AsOf : due) is [var refusal, ..])
        {
            return DeadlineContext.NotApplicable(
                [CareManagement.RuleIds.KsHap90], record.PatientReference, RuleSeverity.Error,
                Text($"The member refused the program ({refusal.ReferenceTo()}, {refusal.DateTime}) before the HAP was due ({clock.Day(due)}): no HAP is owed."));
        }
        else
        {
            explanation = Text($"Enrolled {clock.Day(enrollment.Start)}; HAP due by {clock.Day(due)} (90 calendar days); no active or completed Health Action Plan of this enrollment on record.");
        }

        return context.Judge(
            program,
            [CareManagement.RuleIds.KsHap90],
            record.PatientReference,
            enrollment.Start,
            due,
            hap.When,
            [enrollment.Reference],
            hap.Plan is null ? [] : [hap.Plan.ReferenceTo()],
            RuleSeverity.Error,
            explanation);
    }

    private static DateTimeOffset? CompletedAt(CarePlan plan, CareProgram program) =>
        At((plan.ExtensionValue(ProgramCodes.CompletionDateExtension) as FhirDateTime)?.Value, program) ?? At(plan.Created, program);
}
