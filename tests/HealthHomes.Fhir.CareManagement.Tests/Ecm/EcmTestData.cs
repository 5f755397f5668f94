using HealthHomes.Fhir.CareManagement.Ecm;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Tests.Ecm;

internal static class EcmTestData
{
    public const string PatientId = "m1";
    public const string EpisodeId = "ecm-1";

    /// <summary>Tuesday 2026-03-10 10:00 in Los Angeles (PDT).</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(-7));

    public static Organization Org(string id, string? contractStart = "2025-01-01", string? contractEnd = null, params string[] roles)
    {
        var organization = new Organization { Id = id, Name = id };
        foreach (var role in roles)
        {
            organization.Type.Add(new CodeableConcept(ProgramCodes.OrganizationRoleSystem, role));
        }

        if (contractStart is not null)
        {
            organization.Extension.Add(new Extension(ProgramCodes.ContractPeriodExtension, new Period { Start = contractStart, End = contractEnd }));
        }

        return organization;
    }

    public static Organization EcmOrg(string id, string? contractStart = "2025-01-01", string? contractEnd = null, params string[] moreRoles) =>
        Org(id, contractStart, contractEnd, [OrganizationRoleCodes.EcmProvider, .. moreRoles]);

    public static EpisodeOfCare EcmEpisode(string? authStart = "2026-03-02", string? authEnd = "2027-03-01", string? managing = "Organization/plan", string? start = null, string id = EpisodeId)
    {
        var episode = new EpisodeOfCare
        {
            Id = id,
            Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
            Type = [new CodeableConcept(ProgramCodes.ProgramSystem, ProgramCodes.EnhancedCareManagement)],
            Patient = new ResourceReference("Patient/" + PatientId),
            ManagingOrganization = managing is null ? null : new ResourceReference(managing),
            Period = start is null ? null : new Period { Start = start },
        };
        episode.Extension.Add(new Extension(ProgramCodes.ResponsiblePlanExtension, new ResourceReference("Organization/plan")));
        if (authStart is not null)
        {
            episode.Extension.Add(new Extension(ProgramCodes.AuthorizationPeriodExtension, new Period { Start = authStart, End = authEnd }));
        }

        return episode;
    }

    public static Patient Patient(params string[] generalPractitioners) => new()
    {
        Id = PatientId,
        GeneralPractitioner = [.. generalPractitioners.Select(r => new ResourceReference(r))],
    };

    public static MemberRecord Record(Patient patient, IEnumerable<EpisodeOfCare>? episodes = null, IEnumerable<CareTeam>? careTeams = null,
        IEnumerable<Encounter>? encounters = null, IEnumerable<FhirTask>? tasks = null, IEnumerable<Communication>? communications = null) => new()
    {
        Patient = patient,
        Episodes = [.. episodes ?? [EcmEpisode()]],
        CareTeams = [.. careTeams ?? []],
        Encounters = [.. encounters ?? []],
        Tasks = [.. tasks ?? []],
        Communications = [.. communications ?? []],
    };

    public static Encounter Encounter(string id, string classCode, string start, string? serviceProvider = null, Encounter.EncounterStatus status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished, string? enrollment = null)
    {
        var encounter = new Encounter
        {
            Id = id,
            Status = status,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", classCode),
            Subject = new ResourceReference("Patient/" + PatientId),
            Period = new Period { Start = start, End = start },
            ServiceProvider = serviceProvider is null ? null : new ResourceReference(serviceProvider),
        };
        if (enrollment is not null)
        {
            encounter.Extension.Add(new Extension(ProgramCodes.EnrollmentExtension, new ResourceReference("EpisodeOfCare/" + enrollment)));
        }

        return encounter;
    }

    public static FhirTask Attempt(string id, string? start, string? modality = null, string? category = null, FhirTask.TaskStatus status = FhirTask.TaskStatus.Completed)
    {
        var task = new FhirTask
        {
            Id = id,
            Status = status,
            Intent = FhirTask.TaskIntent.Order,
            Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, ProgramCodes.OutreachAttempt),
            For = new ResourceReference("Patient/" + PatientId),
            ExecutionPeriod = start is null ? null : new Period { Start = start },
        };
        if (modality is not null)
        {
            task.Input.Add(Parameter(TaskParameterCodes.Modality, new CodeableConcept(ProgramCodes.ModalitySystem, modality)));
        }

        if (category is not null)
        {
            task.Input.Add(Parameter(TaskParameterCodes.InteractionCategory, new CodeableConcept(ProgramCodes.InteractionCategorySystem, category)));
        }

        return task;
    }

    public static FhirTask.ParameterComponent Parameter(string type, DataType value) =>
        new() { Type = new CodeableConcept(ProgramCodes.TaskParameterSystem, type), Value = value };

    public static FhirTask.OutputComponent Output(string type, DataType value) =>
        new() { Type = new CodeableConcept(ProgramCodes.TaskParameterSystem, type), Value = value };
}
