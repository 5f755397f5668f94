using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// A closed-loop referral to a community provider (ECM-CLR; Gravity SDOH style): the ServiceRequest
/// (hh-referral-request) and its Task (hh-referral-task: task-code#fulfill + hh-task-code#referral, focus the
/// request, owner the community provider), open or closed with a reason from hh-referral-closure, including
/// member-unable-to-reach for members outreach could not reach.
/// </summary>
internal sealed class ReferralHistory(Random random, MemberTransaction transaction, bool ecm, string patient, string episode)
{
    private const string Closure = CodeSystems.Base + "CodeSystem/hh-referral-closure";

    private static readonly string[] Services =
    [
        "Housing transition navigation services", "Medically tailored meals", "Transportation to appointments",
        "Food pantry enrollment", "Peer recovery support group", "Utility assistance", "Legal aid for benefits appeal",
    ];

    private static readonly (string Code, string Text)[] Failed =
    [
        ("member-unable-to-reach", "Member unable to reach"), ("provider-denied-eligibility", "Provider denied: not eligible"),
        ("provider-denied-capacity", "Provider denied: no capacity"),
    ];

    private static readonly (string Code, string Text)[] Cancelled =
    [
        ("member-declined", "Member declined the service"), ("reassigned", "Reassigned to another provider"), ("cancelled", "Referral withdrawn"),
    ];

    public void Add(DateTime after, string requester, bool unreachable)
    {
        var authored = ProgramClock.AnyTime(random, ProgramClock.Weekday(after.Date.AddDays(1 + random.Next(20))));
        if (authored.Date > ProgramClock.LastDay.AddDays(-1))
        {
            return;
        }

        var owner = "Organization/" + ProviderDirectory.CommunityOrganizationId(ecm, random.Next(ProviderDirectory.CommunityOrganizations));
        var roll = unreachable && random.Next(100) < 70 ? 70 : random.Next(100);
        var (status, reason) = roll switch
        {
            < 10 => (FhirTask.TaskStatus.Requested, ((string, string)?)null),
            < 18 => (FhirTask.TaskStatus.Accepted, null),
            < 33 => (FhirTask.TaskStatus.InProgress, null),
            < 68 => (FhirTask.TaskStatus.Completed, ("completed", "Services received")),
            < 85 => (FhirTask.TaskStatus.Failed, unreachable ? Failed[0] : Failed[random.Next(Failed.Length)]),
            _ => (FhirTask.TaskStatus.Cancelled, Cancelled[random.Next(Cancelled.Length)]),
        };
        var modified = authored.AddDays(1 + random.Next(35)).AddHours(random.Next(6));
        modified = modified.Date > ProgramClock.LastDay ? ProgramClock.InBucket(random, ProgramClock.LastDay, 1) : modified;
        modified = modified <= authored ? authored.AddMinutes(30) : modified;
        var service = Services[random.Next(Services.Length)];
        var request = transaction.Add(new ServiceRequest
        {
            Meta = MemberTransaction.Claiming("hh-referral-request"),
            Status = status switch
            {
                FhirTask.TaskStatus.Completed => RequestStatus.Completed,
                FhirTask.TaskStatus.Failed or FhirTask.TaskStatus.Cancelled => RequestStatus.Revoked,
                _ => RequestStatus.Active,
            },
            Intent = RequestIntent.Order,
            Code = new CodeableConcept { Text = service },
            Subject = new ResourceReference(patient),
            AuthoredOn = ProgramClock.Instant(authored.AddMinutes(-5), ecm),
            Requester = new ResourceReference(requester),
            Performer = [new ResourceReference(owner)],
        });
        transaction.Add(new FhirTask
        {
            Meta = MemberTransaction.Claiming("hh-referral-task"),
            Extension = [MemberTransaction.EnrollmentOf(episode)],
            Status = status,
            StatusReason = reason is { } r ? new CodeableConcept(Closure, r.Item1) { Text = r.Item2 } : null,
            BusinessStatus = new CodeableConcept { Text = reason is { } c ? "Closed - " + c.Item2.ToLowerInvariant() : status == FhirTask.TaskStatus.Requested ? "Sent" : "Open - " + status.ToString()!.ToLowerInvariant() },
            Intent = FhirTask.TaskIntent.Order,
            Priority = RequestPriority.Routine,
            Code = new CodeableConcept
            {
                Coding = [new Coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill"), new Coding(CodeSystems.TaskCode, "referral")],
            },
            Focus = new ResourceReference(request),
            For = new ResourceReference(patient),
            AuthoredOn = ProgramClock.Instant(authored, ecm),
            LastModified = ProgramClock.Instant(status == FhirTask.TaskStatus.Requested ? authored : modified, ecm),
            Requester = new ResourceReference(requester),
            Owner = new ResourceReference(owner),
        });
    }
}
