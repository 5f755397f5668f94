using System.Globalization;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// The records one outreach attempt leaves (profiles hh-outreach-attempt, hh-checklist-step, hh-outreach-communication):
/// the attempt Task with its inputs and outputs, checklist step Tasks partOf it, a Communication for a message sent,
/// and a corrected phone number on the Patient.
/// </summary>
internal sealed class OutreachRecords(Random random, MemberTransaction transaction, Patient member, string patient, string episode, bool ecm)
{
    private static readonly Dictionary<string, string> MessageMedia = new() { ["text"] = "SMSWRIT", ["email"] = "EMAILWRIT", ["mail"] = "MAILWRIT" };

    /// <summary>Outcomes where someone was spoken to: the name and contact of who it was are recorded.</summary>
    public static readonly HashSet<string> Contacts = ["reached-member", "reached-guardian", "reached-other-person", "scheduled-callback", "agreed-to-engage", "declined"];

    private bool _informed;

    /// <summary>The phone in use (the latest one without a period end).</summary>
    public ContactPoint? Phone => member.Telecom.LastOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone && t.Period?.End is null);

    public ContactPoint? Email => member.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email);

    /// <summary>Adds the attempt (and sometimes a Communication for the message sent) and returns its fullUrl.</summary>
    public string Attempt(DateTime when, string modality, string outcome, string owner, string? checklist = null, string? step = null, DateTime? callbackDue = null)
    {
        var task = new FhirTask
        {
            Meta = MemberTransaction.Claiming("hh-outreach-attempt"),
            Extension = [MemberTransaction.EnrollmentOf(episode)],
            Status = FhirTask.TaskStatus.Completed,
            Intent = FhirTask.TaskIntent.Order,
            Code = new CodeableConcept(CodeSystems.TaskCode, CodeSystems.OutreachAttempt),
            For = new ResourceReference(patient),
            Owner = new ResourceReference(owner),
            AuthoredOn = ProgramClock.Instant(when, ecm),
            ExecutionPeriod = new Period { Start = ProgramClock.Instant(when, ecm) },
            Input =
            [
                Parameter("modality", new CodeableConcept(CodeSystems.OutreachModality, modality)),
                Parameter("contact-point-attempted", Attempted(modality)),
            ],
            Output = [Output("outreach-outcome", new CodeableConcept(CodeSystems.AttemptOutcome, outcome))],
        };
        if (checklist is not null)
        {
            task.Input.Add(Parameter("checklist", new CodeableConcept(CodeSystems.OutreachChecklist, checklist)));
        }

        if (step is not null)
        {
            task.Input.Add(Parameter("checklist-step", new CodeableConcept(CodeSystems.ChecklistStep, step)));
        }

        if (ecm)
        {
            var inPerson = modality.StartsWith("in-person", StringComparison.Ordinal);
            task.Input.Add(Parameter("interaction-category", new CodeableConcept(CodeSystems.EcmInteractionCategory, inPerson ? "ecm-outreach-in-person" : "ecm-outreach-telephonic-electronic")));
        }

        if (Contacts.Contains(outcome))
        {
            var name = outcome == "reached-guardian" || outcome == "reached-other-person"
                ? new HumanName { Family = member.Name[0].Family, Given = [MemberNames.GivenName(random.Next(64))] }
                : (HumanName)member.Name[0].DeepCopy();
            task.Output.Add(Output("person-reached-name", name));
            task.Output.Add(Output("person-reached-contact", (ContactPoint?)Phone?.DeepCopy() ?? new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, ecm ? "(559) 555-0100" : "(316) 555-0100")));
            if (ecm && !_informed)
            {
                _informed = true;
                task.Output.Add(Output("informed-of-rights", new FhirBoolean(random.Next(100) < 85)));
            }
        }

        if (callbackDue is { } due)
        {
            task.Output.Add(Output("callback-due", new FhirDateTime(ProgramClock.Instant(due, ecm))));
        }

        var url = transaction.Add(task);
        if (MessageMedia.TryGetValue(modality, out var medium) && random.Next(100) < 20)
        {
            transaction.Add(Message(when, medium, url, owner));
        }

        return url;
    }

    /// <summary>A checklist step done (or under way) after the attempt.</summary>
    public void Step(DateTime when, string attempt, string owner, string checklist, string step, bool done = true) => transaction.Add(new FhirTask
    {
        Meta = MemberTransaction.Claiming("hh-checklist-step"),
        Extension = [MemberTransaction.EnrollmentOf(episode)],
        PartOf = [new ResourceReference(attempt)],
        Status = done ? FhirTask.TaskStatus.Completed : FhirTask.TaskStatus.InProgress,
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept(CodeSystems.TaskCode, CodeSystems.ChecklistStepDone),
        For = new ResourceReference(patient),
        Owner = new ResourceReference(owner),
        AuthoredOn = ProgramClock.Instant(when, ecm),
        ExecutionPeriod = new Period { Start = ProgramClock.Instant(when, ecm) },
        Input =
        [
            Parameter("checklist-step", new CodeableConcept(CodeSystems.ChecklistStep, step)),
            Parameter("checklist", new CodeableConcept(CodeSystems.OutreachChecklist, checklist)),
        ],
    });

    /// <summary>A corrected number found at <paramref name="when"/>: the old one ends, a new one starts (after the failed attempt).</summary>
    public void CorrectPhone(DateTime when)
    {
        var old = Phone!;
        old.Period = new Period { End = ProgramClock.Instant(when, ecm) };
        var number = (ecm ? "(661) " : "(785) ") + random.Next(200, 1000).ToString(CultureInfo.InvariantCulture) + "-" + random.Next(10000).ToString("D4", CultureInfo.InvariantCulture);
        member.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, number)
        {
            Period = new Period { Start = ProgramClock.Instant(when, ecm) },
        });
    }

    /// <summary>What the attempt used: the member's phone or email, or an address (home, community, provider site).</summary>
    private DataType Attempted(string modality) => modality switch
    {
        "phone" or "text" or "video" => new ContactPoint(ContactPoint.ContactPointSystem.Phone, Phone!.Use, Phone.Value!),
        "email" => (ContactPoint)Email!.DeepCopy(),
        "social-media" => new ContactPoint(ContactPoint.ContactPointSystem.Other, null, "social:" + member.Name[0].Family!.ToLowerInvariant()),
        "pharmacy-or-provider-contact" => new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, ecm ? "(559) 555-0150" : "(316) 555-0150"),
        _ => (Address)member.Address[0].DeepCopy(),
    };

    private Communication Message(DateTime when, string medium, string task, string sender)
    {
        var message = new Communication
        {
            Meta = MemberTransaction.Claiming("hh-outreach-communication"),
            Extension = [MemberTransaction.EnrollmentOf(episode)],
            Status = EventStatus.Completed,
            Subject = new ResourceReference(patient),
            PartOf = [new ResourceReference(task)],
            Medium = [new CodeableConcept(CodeSystems.ParticipationMode, medium)],
            Sent = ProgramClock.Instant(when, ecm),
            Sender = new ResourceReference(sender),
            Recipient = [new ResourceReference(patient)],
        };
        if (ecm)
        {
            message.Category.Add(new CodeableConcept(CodeSystems.EcmInteractionCategory, "ecm-outreach-telephonic-electronic"));
        }

        return message;
    }

    private static FhirTask.ParameterComponent Parameter(string type, DataType value) =>
        new() { Type = new CodeableConcept(CodeSystems.TaskParameter, type), Value = value };

    private static FhirTask.OutputComponent Output(string type, DataType value) =>
        new() { Type = new CodeableConcept(CodeSystems.TaskParameter, type), Value = value };
}
