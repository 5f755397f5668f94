using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Server.Rest;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// What the program operations share: the settings (configuration section "CareManagement"), the working-day
/// calendars, the clock (injected: tests and asOf never depend on the machine's time) and picking the enrollment an
/// evaluation is about.
/// </summary>
public sealed class ProgramEvaluation(IOptions<CareManagementSettings> settings, TimeProvider time)
{
    public CareManagementSettings Settings => settings.Value;

    public TimeProvider Time => time;

    public DeadlineContext Context(EvaluationMoment asOf, int? atRiskDays = null)
    {
        var effective = atRiskDays is { } days && days != Settings.AtRiskDays ? Settings.WithAtRiskDays(days) : Settings;

        // Calendars come from the configured settings (cached per instance); only the at-risk window varies per request.
        return new DeadlineContext(asOf, effective, BusinessCalendars.Factory(Settings));
    }

    /// <summary>
    /// The enrollment an operation is about: in the program asked for (else any), started on or before asOf; the
    /// active one first, then the latest. None: 422 naming the member and program (the member is not enrolled).
    /// </summary>
    public static Enrollment EnrollmentFor(MemberRecord record, CareProgram? program, EvaluationMoment asOf)
    {
        ArgumentNullException.ThrowIfNull(record);
        return TryEnrollmentFor(record, program, asOf)
            ?? throw new FhirRequestException(System.Net.HttpStatusCode.UnprocessableEntity, Hl7.Fhir.Model.OperationOutcome.IssueType.BusinessRule,
                $"{record.PatientReference} has no {(program is null ? "program" : program.Code)} enrollment (EpisodeOfCare) starting on or before {(asOf.Day is null ? asOf.ToString() : $"{asOf} (the start of that day in the program's zone)")}.",
                "program");
    }

    /// <summary>As <see cref="EnrollmentFor"/>, null when the member has no such enrollment (a panel skips them).</summary>
    public static Enrollment? TryEnrollmentFor(MemberRecord record, CareProgram? program, EvaluationMoment asOf)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Enrollments()
            .Where(e => program is null || e.Program == program)
            .Where(e => e.Start <= asOf.In(e.Program))
            .OrderBy(e => e.HasEnded(asOf.In(e.Program)))
            .ThenByDescending(e => e.Start)
            .FirstOrDefault();
    }
}
