using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Tests.Engagement;

/// <summary>Monday-Friday, no holidays: the checklist rules count calendar days only.</summary>
internal sealed class WeekdayCalendar : IBusinessCalendar
{
    public bool IsHoliday(DateOnly day) => false;

    public bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly AddBusinessDays(DateOnly day0, int businessDays)
    {
        var day = day0;
        for (var n = 0; n < businessDays;)
        {
            day = day.AddDays(1);
            n += IsBusinessDay(day) ? 1 : 0;
        }

        return day;
    }
}

/// <summary>
/// A small member record for one enrollment: times are local wall-clock strings "yyyy-MM-dd HH:mm" in the program's zone
/// (February dates: Chicago -06:00, Los Angeles -08:00). Attempt and step ids are a1, a2... / s1, s2... unless given.
/// </summary>
internal sealed class OutreachRecordBuilder
{
    private readonly List<FhirTask> _tasks = [];
    private readonly List<Consent> _consents = [];
    private readonly List<CarePlan> _carePlans = [];
    private readonly string _offset;
    private int _attempts;
    private int _steps;

    private OutreachRecordBuilder(string program, string offset, string start)
    {
        _offset = offset;
        Patient = new Patient
        {
            Id = "m1",
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "316-555-0100") { Period = new Period { Start = "2025-01-01" } }],
            Address = [new Address { Line = ["1 Main St"], City = "Wichita", PostalCode = "67214", Period = new Period { Start = "2025-01-01" } }],
        };
        Episode = new EpisodeOfCare
        {
            Id = "e1",
            Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
            Type = [new CodeableConcept(ProgramCodes.ProgramSystem, program)],
            Patient = new ResourceReference("Patient/m1"),
            Period = new Period { Start = start },
        };
    }

    public Patient Patient { get; }

    public EpisodeOfCare Episode { get; }

    public Enrollment Enrollment => Enrollment.From(Episode)!;

    public static OutreachRecordBuilder KsHh(string start = "2026-02-02") => new(ProgramCodes.KsHealthHomes, "-06:00", start);

    public static OutreachRecordBuilder Ecm(string start = "2026-02-02") => new(ProgramCodes.EnhancedCareManagement, "-08:00", start);

    /// <summary>"2026-02-10 08:59" local to an instant.</summary>
    public DateTimeOffset At(string local) => DateTimeOffset.Parse(Fhir(local), System.Globalization.CultureInfo.InvariantCulture);

    public string Fhir(string local) => local.Replace(' ', 'T') + ":00" + _offset;

    public OutreachRecordBuilder Attempt(
        string when, string? outcome, string modality = "phone", string? phone = "316-555-0100", string? step = null,
        string? callbackDue = null, string? id = null, Address? address = null)
    {
        var task = NewTask(id ?? "a" + ++_attempts, ProgramCodes.OutreachAttempt, when);
        task.Input.Add(Param(TaskParameterCodes.Modality, new CodeableConcept(ProgramCodes.ModalitySystem, modality)));
        if (address is not null)
        {
            task.Input.Add(Param(TaskParameterCodes.ContactPointAttempted, address));
        }
        else if (phone is not null && modality == "phone")
        {
            task.Input.Add(Param(TaskParameterCodes.ContactPointAttempted, new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone)));
        }

        if (step is not null)
        {
            task.Input.Add(Param(TaskParameterCodes.ChecklistStep, new CodeableConcept(ProgramCodes.ChecklistStepSystem, step)));
        }

        if (outcome is not null)
        {
            task.Output.Add(new FhirTask.OutputComponent { Type = ParamType(TaskParameterCodes.Outcome), Value = new CodeableConcept(ProgramCodes.OutcomeSystem, outcome) });
        }

        if (callbackDue is not null)
        {
            task.Output.Add(new FhirTask.OutputComponent { Type = ParamType(TaskParameterCodes.CallbackDue), Value = new FhirDateTime(Fhir(callbackDue)) });
        }

        _tasks.Add(task);
        return this;
    }

    /// <summary>A completed hh-checklist-step Task.</summary>
    public OutreachRecordBuilder Step(string when, string step, string? id = null)
    {
        var task = NewTask(id ?? "s" + ++_steps, ProgramCodes.ChecklistStep, when);
        task.Input.Add(Param(TaskParameterCodes.ChecklistStep, new CodeableConcept(ProgramCodes.ChecklistStepSystem, step)));
        _tasks.Add(task);
        return this;
    }

    /// <summary>A new phone number on the Patient from <paramref name="start"/> (a FHIR date or dateTime).</summary>
    public OutreachRecordBuilder NewPhone(string value, string start)
    {
        Patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, value) { Period = new Period { Start = start } });
        return this;
    }

    public OutreachRecordBuilder OptOut(string when, string id = "optout1")
    {
        _consents.Add(new Consent
        {
            Id = id,
            Status = Consent.ConsentState.Active,
            Category = [new CodeableConcept(ProgramCodes.ConsentCategorySystem, ProgramCodes.ProgramParticipation)],
            Patient = new ResourceReference("Patient/m1"),
            DateTime = Fhir(when),
            Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Deny },
        });
        return this;
    }

    public OutreachRecordBuilder Plan(string created, RequestStatus status = RequestStatus.Active, string id = "hap1")
    {
        _carePlans.Add(new CarePlan
        {
            Id = id,
            Status = status,
            Intent = CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept(ProgramCodes.CarePlanCategorySystem, ProgramCodes.HealthActionPlan)],
            Subject = new ResourceReference("Patient/m1"),
            Created = Fhir(created),
        });
        return this;
    }

    public OutreachRecordBuilder Ended(string end, string? reason, EpisodeOfCare.EpisodeOfCareStatus status = EpisodeOfCare.EpisodeOfCareStatus.Finished)
    {
        Episode.Status = status;
        Episode.Period!.End = Fhir(end);
        if (reason is not null)
        {
            Episode.Extension.Add(new Extension(ProgramCodes.DisenrollmentReasonExtension, new CodeableConcept(ProgramCodes.DisenrollmentReasonSystem, reason)));
        }

        return this;
    }

    public MemberRecord Build() => new()
    {
        Patient = Patient,
        Episodes = [Episode],
        Tasks = [.. _tasks],
        Consents = [.. _consents],
        CarePlans = [.. _carePlans],
    };

    public DeadlineContext Context(string asOf, CareManagementSettings? settings = null) =>
        new(At(asOf), settings ?? new CareManagementSettings(), _ => new WeekdayCalendar());

    public EngagementAssessment Assess(string asOf, CareManagementSettings? settings = null) =>
        EngagementEvaluator.Assess(Build(), Enrollment, Context(asOf, settings));

    private FhirTask NewTask(string id, string code, string when) => new()
    {
        Id = id,
        Status = FhirTask.TaskStatus.Completed,
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept(ProgramCodes.TaskCodeSystem, code),
        For = new ResourceReference("Patient/m1"),
        ExecutionPeriod = new Period { Start = Fhir(when) },
    };

    private static CodeableConcept ParamType(string code) => new(ProgramCodes.TaskParameterSystem, code);

    private static FhirTask.ParameterComponent Param(string code, DataType value) => new() { Type = ParamType(code), Value = value };
}
