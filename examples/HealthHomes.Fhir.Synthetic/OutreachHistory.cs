using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// A member's outreach (profiles hh-outreach-attempt, hh-checklist-step, hh-outreach-communication): 8-12 attempts
/// (Task outreach-attempt, completed, for the Patient, of the enrollment) spread over the weeks after enrollment at
/// varied times of day, each with its modality, the phone number or address attempted and the outcome (and who was
/// reached); a Communication for some messages sent; and for some members a checklist step done after an attempt.
/// </summary>
internal sealed class OutreachHistory(Random random, MemberTransaction transaction, Patient member, string patient, string episode, bool ecm, string coordinator, string backup)
{
    // Modality weights: most attempts are calls; the rest spread over messages and visits.
    private static readonly (string Code, int Weight)[] Modalities =
    [
        ("phone", 50), ("text", 12), ("email", 5), ("mail", 8), ("social-media", 1), ("video", 3), ("in-person-home", 7),
        ("in-person-community", 4), ("in-person-provider-site", 5), ("pharmacy-or-provider-contact", 3), ("alternate-database-lookup", 2),
    ];

    private static readonly Dictionary<string, string> MessageMedia = new() { ["text"] = "SMSWRIT", ["email"] = "EMAILWRIT", ["mail"] = "MAILWRIT" };

    private static readonly HashSet<string> Reached = ["reached-member", "reached-guardian", "reached-other-person"];

    private ContactPoint? Phone => member.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone);

    private ContactPoint? Email => member.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email);

    public void Add(DateTimeOffset enrolled)
    {
        var attempts = 8 + random.Next(5);
        var when = enrolled;
        var lastAttempt = "";
        for (var i = 0; i < attempts; i++)
        {
            when = NextAttemptTime(when);
            var modality = Available(Pick(Modalities));
            var outcome = i == attempts - 1 && random.Next(100) < 60 ? "agreed-to-engage" : Outcome(modality);
            var owner = random.Next(5) == 0 ? backup : coordinator;
            lastAttempt = transaction.Add(Attempt(when, modality, outcome, owner));
            if (MessageMedia.TryGetValue(modality, out var medium) && random.Next(100) < 20)
            {
                transaction.Add(Message(when, medium, lastAttempt, owner));
            }
        }

        if (random.Next(100) < 25)
        {
            transaction.Add(ChecklistStep(NextAttemptTime(when), lastAttempt));
        }
    }

    /// <summary>No phone on file: calls and texts become mail; no email: email becomes mail.</summary>
    private string Available(string modality) => modality switch
    {
        "phone" or "text" or "video" when Phone is null => "mail",
        "email" when Email is null => "mail",
        _ => modality,
    };

    /// <summary>One to nine days later, at a time of day that is mostly office hours, sometimes early or late.</summary>
    private DateTimeOffset NextAttemptTime(DateTimeOffset after)
    {
        var day = after.Date.AddDays(1 + random.Next(9));
        var bucket = random.Next(100);
        var hour = bucket < 70 ? 9 + random.Next(8) : bucket < 85 ? 7 + random.Next(2) : 17 + random.Next(3);
        return new DateTimeOffset(day.AddHours(hour).AddMinutes(random.Next(60)).AddSeconds(random.Next(60)), after.Offset);
    }

    private FhirTask Attempt(DateTimeOffset when, string modality, string outcome, string owner)
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
            AuthoredOn = MemberTransaction.Instant(when),
            ExecutionPeriod = new Period { Start = MemberTransaction.Instant(when) },
            Input =
            [
                Parameter("modality", new CodeableConcept(CodeSystems.OutreachModality, modality)),
                Parameter("contact-point-attempted", Attempted(modality)),
            ],
            Output = [Output("outreach-outcome", new CodeableConcept(CodeSystems.AttemptOutcome, outcome))],
        };
        if (ecm)
        {
            var inPerson = modality.StartsWith("in-person", StringComparison.Ordinal);
            task.Input.Add(Parameter("interaction-category", new CodeableConcept(CodeSystems.EcmInteractionCategory, inPerson ? "ecm-outreach-in-person" : "ecm-outreach-telephonic-electronic")));
        }

        if (Reached.Contains(outcome))
        {
            var name = outcome == "reached-member" ? (HumanName)member.Name[0].DeepCopy() : new HumanName { Family = member.Name[0].Family, Given = [MemberNames.GivenName(random.Next(64))] };
            task.Output.Add(Output("person-reached-name", name));
            task.Output.Add(Output("person-reached-contact", (ContactPoint?)Phone?.DeepCopy() ?? new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "(316) 555-0100")));
        }

        return task;
    }

    /// <summary>What the attempt used: the member's phone or email, or an address (home, community, provider site).</summary>
    private DataType Attempted(string modality) => modality switch
    {
        "phone" or "text" or "video" => (ContactPoint)Phone!.DeepCopy(),
        "email" => (ContactPoint)Email!.DeepCopy(),
        "social-media" => new ContactPoint(ContactPoint.ContactPointSystem.Other, null, "social:" + member.Name[0].Family!.ToLowerInvariant()),
        "pharmacy-or-provider-contact" => new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, "(316) 555-0150"),
        _ => (Address)member.Address[0].DeepCopy(),
    };

    private FhirTask ChecklistStep(DateTimeOffset when, string attempt)
    {
        var state = random.Next(10);
        return new FhirTask
        {
            Meta = MemberTransaction.Claiming("hh-checklist-step"),
            Extension = [MemberTransaction.EnrollmentOf(episode)],
            PartOf = [new ResourceReference(attempt)],
            Status = state < 7 ? FhirTask.TaskStatus.Completed : state < 9 ? FhirTask.TaskStatus.InProgress : FhirTask.TaskStatus.Requested,
            Intent = FhirTask.TaskIntent.Order,
            Code = new CodeableConcept(CodeSystems.TaskCode, CodeSystems.ChecklistStepDone),
            For = new ResourceReference(patient),
            Owner = new ResourceReference(coordinator),
            AuthoredOn = MemberTransaction.Instant(when),
            ExecutionPeriod = new Period { Start = MemberTransaction.Instant(when) },
            Input =
            [
                Parameter("checklist-step", new CodeableConcept(CodeSystems.ChecklistStep, CodeSystems.ChecklistSteps[random.Next(CodeSystems.ChecklistSteps.Count)])),
                Parameter("checklist", new CodeableConcept(CodeSystems.OutreachChecklist, CodeSystems.Checklists[random.Next(CodeSystems.Checklists.Count)])),
            ],
        };
    }

    private Communication Message(DateTimeOffset when, string medium, string task, string sender)
    {
        var message = new Communication
        {
            Meta = MemberTransaction.Claiming("hh-outreach-communication"),
            Extension = [MemberTransaction.EnrollmentOf(episode)],
            Status = EventStatus.Completed,
            Subject = new ResourceReference(patient),
            PartOf = [new ResourceReference(task)],
            Medium = [new CodeableConcept(CodeSystems.ParticipationMode, medium)],
            Sent = MemberTransaction.Instant(when),
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

    private string Outcome(string modality) => modality switch
    {
        "phone" => Pick([("no-answer", 35), ("voicemail-left", 25), ("unable-to-leave-message", 5), ("wrong-number", 5),
            ("number-missing-or-disconnected", 5), ("reached-member", 12), ("reached-guardian", 3), ("reached-other-person", 3),
            ("scheduled-callback", 4), ("declined", 3)]),
        "mail" => Pick([("mail-returned", 20), ("no-answer", 80)]),
        "in-person-home" or "in-person-community" => Pick([("address-not-found", 30), ("no-answer", 30), ("reached-member", 30), ("declined", 10)]),
        _ => Pick([("no-answer", 60), ("reached-member", 25), ("scheduled-callback", 10), ("declined", 5)]),
    };

    private string Pick((string Code, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (code, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return code;
            }
        }

        return choices[^1].Code;
    }
}
