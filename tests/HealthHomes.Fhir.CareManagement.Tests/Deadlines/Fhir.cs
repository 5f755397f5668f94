using System.Globalization;
using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Tests.Deadlines;

/// <summary>Small FHIR POCO builders for the deadline tests.</summary>
internal static class Fhir
{
    public const string PatientId = "p1";

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    public static DeadlineContext Context(string asOf, CareManagementSettings? settings = null)
    {
        settings ??= new CareManagementSettings();
        return new DeadlineContext(At(asOf), settings, BusinessCalendars.Factory(settings));
    }

    public static MemberRecord Record(
        IEnumerable<EpisodeOfCare>? episodes = null,
        IEnumerable<FhirTask>? tasks = null,
        IEnumerable<Communication>? communications = null,
        IEnumerable<CarePlan>? carePlans = null,
        IEnumerable<Encounter>? encounters = null,
        IEnumerable<CareTeam>? careTeams = null,
        IReadOnlyDictionary<string, IReadOnlyList<FhirTask>>? history = null) => new()
        {
            Patient = new Patient { Id = PatientId },
            Episodes = [.. episodes ?? []],
            Tasks = [.. tasks ?? []],
            Communications = [.. communications ?? []],
            CarePlans = [.. carePlans ?? []],
            Encounters = [.. encounters ?? []],
            CareTeams = [.. careTeams ?? []],
            TaskHistory = history ?? new Dictionary<string, IReadOnlyList<FhirTask>>(),
        };

    public static EpisodeOfCare Enrollment(
        string program, string start, string? end = null, string? organization = "Organization/prov1",
        string? authorizationStart = null, string? authorizationEnd = null, string id = "e1")
    {
        var episode = new EpisodeOfCare
        {
            Id = id,
            Status = end is null ? EpisodeOfCare.EpisodeOfCareStatus.Active : EpisodeOfCare.EpisodeOfCareStatus.Finished,
            Type = [new CodeableConcept(ProgramCodes.ProgramSystem, program)],
            Patient = new ResourceReference("Patient/" + PatientId),
            Period = new Period { Start = start, End = end },
            ManagingOrganization = organization is null ? null : new ResourceReference(organization),
        };
        if (authorizationStart is not null)
        {
            episode.Extension.Add(new Extension(ProgramCodes.AuthorizationPeriodExtension, new Period { Start = authorizationStart, End = authorizationEnd }));
        }

        return episode;
    }

    public static EpisodeOfCare EcmEnrollment(string start, string? organization = "Organization/prov1", string? authorizationStart = null, string? authorizationEnd = null) =>
        Enrollment(ProgramCodes.EnhancedCareManagement, start, organization: organization, authorizationStart: authorizationStart, authorizationEnd: authorizationEnd);

    public static FhirTask Attempt(string id, string when, string outcome = OutcomeCodes.NoAnswer, bool? informed = null)
    {
        var task = new FhirTask
        {
            Id = id,
            Status = FhirTask.TaskStatus.Completed,
            Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, ProgramCodes.OutreachAttempt),
            For = new ResourceReference("Patient/" + PatientId),
            ExecutionPeriod = new Period { Start = when },
            Output = [Parameter(TaskParameterCodes.Outcome, new CodeableConcept(ProgramCodes.OutcomeSystem, outcome))],
        };
        if (informed is { } value)
        {
            task.Output.Add(Parameter(TaskParameterCodes.InformedOfRights, new FhirBoolean(value)));
        }

        return task;
    }

    public static FhirTask.OutputComponent Parameter(string type, DataType value) =>
        new() { Type = new CodeableConcept(ProgramCodes.TaskParameterSystem, type), Value = value };

    public static FhirTask Task(string id, string code, string authoredOn, FhirTask.TaskStatus status = FhirTask.TaskStatus.Requested,
        RequestPriority? priority = null, string? executionEnd = null, string? lastModified = null) => new()
        {
            Id = id,
            Status = status,
            Intent = FhirTask.TaskIntent.Order,
            Priority = priority,
            Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, code),
            For = new ResourceReference("Patient/" + PatientId),
            AuthoredOn = authoredOn,
            LastModified = lastModified,
            ExecutionPeriod = executionEnd is null ? null : new Period { End = executionEnd },
        };

    public static Communication Notice(string id, string type, string? sent, EventStatus status = EventStatus.Completed,
        string? recipient = null, string? basedOn = null) => new()
        {
            Id = id,
            Status = status,
            Category = [new CodeableConcept(ProgramCodes.NotificationTypeSystem, type)],
            Subject = new ResourceReference("Patient/" + PatientId),
            Sent = sent,
            Recipient = recipient is null ? [] : [new ResourceReference(recipient)],
            BasedOn = basedOn is null ? [] : [new ResourceReference(basedOn)],
        };

    public static CarePlan Hap(string id, RequestStatus status, string created, string? completionDate = null)
    {
        var plan = new CarePlan
        {
            Id = id,
            Status = status,
            Intent = CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept(ProgramCodes.CarePlanCategorySystem, ProgramCodes.HealthActionPlan)],
            Subject = new ResourceReference("Patient/" + PatientId),
            Created = created,
        };
        if (completionDate is not null)
        {
            plan.Extension.Add(new Extension(ProgramCodes.CompletionDateExtension, new FhirDateTime(completionDate)));
        }

        return plan;
    }

    public static Encounter Encounter(string id, string classCode, string start, string? end, Encounter.EncounterStatus status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished) => new()
    {
        Id = id,
        Status = status,
        Class = new Coding(DeadlineCodes.ActCodeSystem, classCode),
        Subject = new ResourceReference("Patient/" + PatientId),
        Period = new Period { Start = start, End = end },
    };

    public static DeadlineResult Single(IEnumerable<DeadlineResult> results) => Assert.Single(results);
}
