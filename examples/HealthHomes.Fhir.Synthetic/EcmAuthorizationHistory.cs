using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// An ECM member's path to assignment, computed back from the assignment date: the referral and its eligibility
/// review (ECM-ELIG-5BD, 10 % expedited for ECM-ELIG-72H, some late, a few still pending) or a prior-plan
/// notification (ECM-PRIOR-90), the 12-month authorization (ECM-AUTH-12M, a few shorter), the assignment
/// (ECM-ASSIGN-10BD, some late), the PCP and provider notifications (ECM-PCP-10BD, ECM-NOTIFY-WEEKLY) and for a few
/// members a provider change (ECM-CHANGE-30D).
/// </summary>
internal sealed class EcmAuthorizationHistory
{
    private const string NotificationType = CodeSystems.Base + "CodeSystem/hh-notification-type";

    private readonly Random _random;
    private readonly DateTime _referral;
    private readonly DateTime _decision;
    private readonly DateTime _authorization;
    private readonly DateTime _authorizationEnd;
    private readonly DateTime? _priorNotice;
    private readonly DateTime? _pcpNotice;
    private readonly bool _expedited;
    private readonly (DateTime Requested, DateTime Done)? _change;

    public EcmAuthorizationHistory(Random random, string status, DateTime assignment, bool recent)
    {
        _random = random;
        Assignment = assignment;
        Pending = status == EngagementScenario.NotOutreached && random.Next(100) < 60;
        if (Pending)
        {
            _referral = ProgramClock.AnyTime(random, ProgramClock.AddBusinessDays(ProgramClock.LastDay, -random.Next(6)));
            Assignment = _referral.Date;
            return;
        }

        _authorization = ProgramClock.AddBusinessDays(assignment, -(random.Next(100) < 12 ? 12 + random.Next(9) : 1 + random.Next(7)));
        _decision = ProgramClock.InBucket(random, _authorization, 1);
        if (random.Next(100) < 6)
        {
            _priorNotice = ProgramClock.AnyTime(random, _authorization.AddDays(-random.Next(4)));
        }
        else
        {
            _expedited = random.Next(100) < 10;
            var late = random.Next(100) < 15;
            _referral = _expedited
                ? _decision.AddHours(-(late ? 80 + random.Next(50) : 4 + random.Next(60)))
                : ProgramClock.InBucket(random, ProgramClock.AddBusinessDays(_authorization, -(late ? 7 + random.Next(5) : 1 + random.Next(4))), 1);
        }

        _authorizationEnd = (random.Next(100) < 6 ? _authorization.AddMonths(6) : _authorization.AddMonths(12)).AddDays(-1);
        _pcpNotice = Within(ProgramClock.AddBusinessDays(_authorization, random.Next(100) < 15 ? 12 + random.Next(9) : 1 + random.Next(8)));
        ProviderNotice = Within(ProgramClock.Weekday(assignment.AddDays(!recent && random.Next(100) < 15 ? 9 + random.Next(12) : random.Next(5))));
        if (status is EngagementScenario.Engaged or EngagementScenario.ContactedNotEngaged && random.Next(100) < 12)
        {
            var requested = ProgramClock.AnyTime(random, ProgramClock.Weekday(assignment.AddDays(30 + random.Next(120))));
            var done = ProgramClock.AnyTime(random, ProgramClock.Weekday(requested.Date.AddDays(random.Next(100) < 80 ? 5 + random.Next(22) : 32 + random.Next(18))));
            _change = done.Date <= ProgramClock.LastDay.AddDays(-3) ? (requested, done) : null;
        }
    }

    public bool Pending { get; }

    /// <summary>The assignment date (EpisodeOfCare.period.start).</summary>
    public DateTime Assignment { get; }

    /// <summary>When the ECM Provider received the member on its list (outreach starts from here), if sent yet.</summary>
    public DateTime? ProviderNotice { get; }

    public void Annotate(EpisodeOfCare episode)
    {
        if (Pending)
        {
            episode.Status = EpisodeOfCare.EpisodeOfCareStatus.Planned;
            return;
        }

        episode.Extension.Add(new Extension(CodeSystems.Extension("hh-authorization-period"),
            new Period { Start = ProgramClock.Date(_authorization), End = ProgramClock.Date(_authorizationEnd) }));
    }

    public void Add(MemberTransaction transaction, string patient, string episode, string plan, string provider, string pcp)
    {
        if (_priorNotice is { } notice)
        {
            transaction.Add(Review("prior-ecm-notification", patient, episode, plan, notice, notice.AddHours(2), null));
        }
        else
        {
            transaction.Add(Review("ecm-eligibility-review", patient, episode, plan, _referral, Pending ? null : _decision, pcp));
        }

        if (Pending)
        {
            return;
        }

        var original = provider;
        string? task = null;
        if (_change is { } change)
        {
            original = "Organization/" + ProviderDirectory.EcmProviderId(_random.Next(ProviderDirectory.EcmProviders));
            var request = Review("ecm-provider-change", patient, episode, plan, change.Requested, change.Done, patient);
            task = transaction.Add(request);
        }

        if (_pcpNotice is { } sent)
        {
            transaction.Add(Notice("pcp-assignment-notification", patient, episode, plan, pcp, sent, null));
        }

        if (ProviderNotice is { } received)
        {
            transaction.Add(Notice("provider-assignment-notification", patient, episode, plan, original, received, null));
        }

        if (_change is { } done && task is not null)
        {
            var at = done.Done.AddHours(1);
            transaction.Add(Notice("provider-change-notification", patient, episode, plan, original, at, task));
            transaction.Add(Notice("provider-change-notification", patient, episode, plan, provider, at.AddMinutes(10), task));
        }
    }

    private DateTime? Within(DateTime day) => day <= ProgramClock.LastDay ? ProgramClock.InBucket(_random, day, 1) : null;

    /// <summary>An eligibility review, prior-plan notification or provider-change request; completed at <paramref name="done"/>, else in progress.</summary>
    private FhirTask Review(string code, string patient, string episode, string plan, DateTime authored, DateTime? done, string? requester) => new()
    {
        Extension = [MemberTransaction.EnrollmentOf(episode)],
        Status = done is null ? FhirTask.TaskStatus.InProgress : FhirTask.TaskStatus.Completed,
        BusinessStatus = code == "ecm-eligibility-review" ? new CodeableConcept { Text = done is null ? "Pending review" : "Approved" } : null,
        Intent = FhirTask.TaskIntent.Order,
        Priority = _expedited && code == "ecm-eligibility-review" ? RequestPriority.Urgent : RequestPriority.Routine,
        Code = new CodeableConcept(CodeSystems.TaskCode, code),
        Focus = new ResourceReference(episode),
        For = new ResourceReference(patient),
        AuthoredOn = ProgramClock.Instant(authored, true),
        ExecutionPeriod = new Period { Start = ProgramClock.Instant(authored, true), End = done is { } end ? ProgramClock.Instant(end, true) : null },
        Requester = requester is null ? null : new ResourceReference(requester),
        Owner = new ResourceReference(plan),
    };

    private static Communication Notice(string type, string patient, string episode, string plan, string recipient, DateTime sent, string? basedOn) => new()
    {
        Extension = [MemberTransaction.EnrollmentOf(episode)],
        BasedOn = basedOn is null ? [] : [new ResourceReference(basedOn)],
        Status = EventStatus.Completed,
        Category = [new CodeableConcept(NotificationType, type)],
        Subject = new ResourceReference(patient),
        Sent = ProgramClock.Instant(sent, true),
        Recipient = [new ResourceReference(recipient)],
        Sender = new ResourceReference(plan),
    };
}
