using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// A member's outreach: 8-12 attempts (Task code outreach-attempt, completed, for the Patient, focus the enrollment)
/// spread over the first weeks after enrollment at varied times of day, each with its modality and outcome; a
/// Communication for some messages that were sent; and sometimes a checklist step Task (DOMAIN.md section 4).
/// </summary>
internal sealed class OutreachHistory(Random random, MemberTransaction transaction, string patient, string episode, string coordinator, string backup)
{
    // Modality weights: most attempts are calls; the rest spread over messages and visits.
    private static readonly (string Code, int Weight)[] Modalities =
    [
        ("phone", 50), ("text", 12), ("email", 5), ("mail", 8), ("social-media", 1), ("video", 3), ("in-person-home", 7),
        ("in-person-community", 4), ("in-person-provider-site", 5), ("pharmacy-or-provider-contact", 3), ("alternate-database-lookup", 2),
    ];

    private static readonly HashSet<string> Messages = ["text", "email", "mail", "social-media"];

    public void Add(DateTimeOffset enrolled)
    {
        var attempts = 8 + random.Next(5);
        var when = enrolled;
        for (var i = 0; i < attempts; i++)
        {
            when = NextAttemptTime(when);
            var modality = Pick(Modalities);
            var outcome = i == attempts - 1 && random.Next(100) < 60 ? "agreed-to-engage" : Outcome(modality);
            var owner = random.Next(5) == 0 ? backup : coordinator;
            var task = transaction.Add(Attempt(when, modality, outcome, owner));
            if (Messages.Contains(modality) && random.Next(100) < 20)
            {
                transaction.Add(Message(when, modality, task, owner));
            }
        }

        if (random.Next(100) < 25)
        {
            when = NextAttemptTime(when);
            transaction.Add(ChecklistStep(when, CodeSystems.ChecklistSteps[random.Next(CodeSystems.ChecklistSteps.Count)]));
        }
    }

    /// <summary>One to nine days later, at a time of day that is mostly office hours, sometimes early or late.</summary>
    private DateTimeOffset NextAttemptTime(DateTimeOffset after)
    {
        var day = after.Date.AddDays(1 + random.Next(9));
        var bucket = random.Next(100);
        var hour = bucket < 70 ? 9 + random.Next(8) : bucket < 85 ? 7 + random.Next(2) : 17 + random.Next(3);
        return new DateTimeOffset(day.AddHours(hour).AddMinutes(random.Next(60)).AddSeconds(random.Next(60)), after.Offset);
    }

    private FhirTask Attempt(DateTimeOffset when, string modality, string outcome, string owner) => new()
    {
        Status = FhirTask.TaskStatus.Completed,
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept(CodeSystems.TaskCode, CodeSystems.OutreachAttempt),
        For = new ResourceReference(patient),
        Focus = new ResourceReference(episode),
        Owner = new ResourceReference(owner),
        AuthoredOn = MemberTransaction.Instant(when),
        ExecutionPeriod = new Period { Start = MemberTransaction.Instant(when) },
        Input =
        [
            new FhirTask.ParameterComponent
            {
                Type = new CodeableConcept(CodeSystems.OutreachInput, "modality"),
                Value = new CodeableConcept(CodeSystems.OutreachModality, modality),
            },
        ],
        Output =
        [
            new FhirTask.OutputComponent
            {
                Type = new CodeableConcept(CodeSystems.OutreachOutput, "outcome"),
                Value = new CodeableConcept(CodeSystems.OutreachOutcome, outcome),
            },
        ],
    };

    private FhirTask ChecklistStep(DateTimeOffset when, string step)
    {
        var state = random.Next(10);
        return new FhirTask
        {
            Status = state < 7 ? FhirTask.TaskStatus.Completed : state < 9 ? FhirTask.TaskStatus.InProgress : FhirTask.TaskStatus.Requested,
            Intent = FhirTask.TaskIntent.Order,
            Code = new CodeableConcept(CodeSystems.ChecklistStep, step),
            For = new ResourceReference(patient),
            Focus = new ResourceReference(episode),
            Owner = new ResourceReference(coordinator),
            AuthoredOn = MemberTransaction.Instant(when),
            ExecutionPeriod = new Period { Start = MemberTransaction.Instant(when) },
        };
    }

    private Communication Message(DateTimeOffset when, string modality, string task, string sender) => new()
    {
        Status = EventStatus.Completed,
        Subject = new ResourceReference(patient),
        PartOf = [new ResourceReference(task)],
        Medium = [new CodeableConcept(CodeSystems.OutreachModality, modality)],
        Sent = MemberTransaction.Instant(when),
        Sender = new ResourceReference(sender),
        Recipient = [new ResourceReference(patient)],
    };

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
