using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Records;

/// <summary>
/// Everything the rules read about one member, as the store holds it now: the Patient and the current versions of the
/// resources in their compartment that the programs use, plus the Organizations they point to. The caller (the
/// server's loader, or a test) fills it; the rules never fetch anything.
/// </summary>
public sealed class MemberRecord
{
    public required Patient Patient { get; init; }

    public IReadOnlyList<EpisodeOfCare> Episodes { get; init; } = [];

    public IReadOnlyList<CarePlan> CarePlans { get; init; } = [];

    public IReadOnlyList<CareTeam> CareTeams { get; init; } = [];

    /// <summary>Outreach attempts, checklist steps, referral Tasks, eligibility reviews, change requests...</summary>
    public IReadOnlyList<FhirTask> Tasks { get; init; } = [];

    public IReadOnlyList<Communication> Communications { get; init; } = [];

    public IReadOnlyList<Encounter> Encounters { get; init; } = [];

    public IReadOnlyList<Consent> Consents { get; init; } = [];

    public IReadOnlyList<ServiceRequest> ServiceRequests { get; init; } = [];

    /// <summary>Organizations referenced by the enrollments and referrals (HHP, ECM Provider, plan), by "Organization/id".</summary>
    public IReadOnlyDictionary<string, Organization> Organizations { get; init; } = new Dictionary<string, Organization>();

    /// <summary>
    /// Earlier versions of referral Tasks (oldest first, current last), by Task id, for when a referral was first
    /// answered (ECM-CLR). Empty when the caller did not load history.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FhirTask>> TaskHistory { get; init; } = new Dictionary<string, IReadOnlyList<FhirTask>>();

    // Read once per record: every rule asks for the enrollments and their attempts (a record is not changed once built).
    private IReadOnlyList<Enrollment>? _enrollments;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<OutreachAttempt>> _attempts = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<ChecklistStepRecord>> _steps = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Enrollment, DateTimeOffset AsOf), Engagement.OutreachTimeline> _timelines = new();

    public string PatientReference => "Patient/" + Patient.Id;

    /// <summary>The member's enrollments (EpisodeOfCare with a known program), oldest first.</summary>
    public IReadOnlyList<Enrollment> Enrollments() =>
        _enrollments ??= [.. Episodes.Select(Enrollment.From).OfType<Enrollment>().OrderBy(e => e.Start)];

    /// <summary>Does a record belong to an enrollment: its hh-enrollment extension names it, or it names none and the member has only that enrollment in the program.</summary>
    public bool BelongsTo(DomainResource resource, Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(enrollment);
        return resource.EnrollmentId() is { } id
            ? id == enrollment.Id
            : Enrollments().Count(e => e.Program == enrollment.Program) == 1;
    }

    /// <summary>The enrollment's outreach attempts that were made, in time order.</summary>
    public IReadOnlyList<OutreachAttempt> AttemptsOf(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return _attempts.GetOrAdd(enrollment.Id, _ => [.. Tasks.Where(t => BelongsTo(t, enrollment))
            .Select(t => OutreachAttempt.From(t, enrollment.Program.TimeZone))
            .OfType<OutreachAttempt>()
            .Where(a => a.WasMade)
            .OrderBy(a => a.When)]);
    }

    /// <summary>The enrollment's checklist step records, in time order.</summary>
    public IReadOnlyList<ChecklistStepRecord> ChecklistStepsOf(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return _steps.GetOrAdd(enrollment.Id, _ => [.. Tasks.Where(t => BelongsTo(t, enrollment))
            .Select(t => ChecklistStepRecord.From(t, enrollment.Program.TimeZone))
            .OfType<ChecklistStepRecord>()
            .OrderBy(s => s.When)]);
    }

    /// <summary>
    /// The enrollment's outreach as of an instant, built once per record and instant: the engagement status and the
    /// five KanCare checklist rules all read it.
    /// </summary>
    internal Engagement.OutreachTimeline TimelineOf(Enrollment enrollment, DateTimeOffset asOf) =>
        _timelines.GetOrAdd((enrollment.Id, asOf), key => new Engagement.OutreachTimeline(this, enrollment, key.AsOf));

    /// <summary>
    /// The member's refusals of this enrollment's program dated on or before <paramref name="asOf"/>: active opt-out
    /// Consents (profile hh-opt-out: category program-participation, provision.type deny). A Consent naming another
    /// enrollment does not count; one naming none counts when it is the member's only enrollment in the program or is
    /// dated after this enrollment started (KS-PANEL, and the end of the program's deadlines for a member who refused).
    /// </summary>
    public IReadOnlyList<Consent> RefusalsOf(Enrollment enrollment, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return [.. Consents.Where(c =>
            c.Status == Consent.ConsentState.Active
            && c.Category.HasCode(ProgramCodes.ConsentCategorySystem, ProgramCodes.ProgramParticipation)
            && c.Provision?.Type == Consent.ConsentProvisionType.Deny
            && (c.Patient?.Reference is null || c.Patient.Reference == PatientReference)
            && FhirValues.Instant(c.DateTime, enrollment.Program.TimeZone) is { } when && when <= asOf
            && (c.EnrollmentId() is { } id ? id == enrollment.Id : BelongsTo(c, enrollment) || when >= enrollment.Start))];
    }
}
