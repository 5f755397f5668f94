using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// The member's plan, hospital stays and refusal: the HAP (KS-HAP-90: mostly completed within 90 days of enrollment,
/// some late, some still a draft or not started) or ECM care plan once the member agreed to engage; inpatient stays
/// with an ambulatory follow-up mostly within 7 days, sometimes only within 30, sometimes none (KS-DC-7/30); and an
/// opt-out Consent (hh-opt-out) for most members who declined.
/// </summary>
internal sealed class ClinicalHistory(Random random, MemberTransaction transaction, bool ecm, string patient, string episode)
{
    private static readonly string[] Stays = ["32485007", "183452005"];

    public void Plan(DateTime enrolled, DateTime agreed, bool finished, string author, string careTeam)
    {
        var roll = random.Next(100);
        if (!ecm && !finished && roll < 10)
        {
            return; // newly engaged: the HAP is not started yet
        }

        var draft = !ecm && !finished && roll < 20;
        DateTime created;
        DateTime? completed = null;
        if (ecm)
        {
            created = ProgramClock.AnyTime(random, agreed.Date.AddDays(3 + random.Next(28)));
        }
        else
        {
            var sinceEnrollment = (agreed.Date - enrolled).Days;
            var late = random.Next(100) < 18 || sinceEnrollment > 85;
            var day = late ? enrolled.AddDays(91 + random.Next(30)) : agreed.Date.AddDays(1 + random.Next(Math.Max(1, 89 - sinceEnrollment)));
            completed = ProgramClock.InBucket(random, day < agreed.Date.AddDays(1) ? agreed.Date.AddDays(1) : day, 1);
            created = completed.Value.AddDays(-random.Next(8));
            created = created < agreed ? completed.Value : created;
            draft |= completed.Value.Date > ProgramClock.LastDay;
        }

        if (created.Date > ProgramClock.LastDay)
        {
            return;
        }

        var plan = new CarePlan
        {
            Meta = ecm ? null : MemberTransaction.Claiming("hh-health-action-plan"),
            Extension = draft || completed is null ? [MemberTransaction.EnrollmentOf(episode)]
                : [new Extension(CodeSystems.Extension("hh-completion-date"), new FhirDateTime(ProgramClock.Instant(completed.Value, ecm))), MemberTransaction.EnrollmentOf(episode)],
            Created = ProgramClock.Instant(created, ecm),
            Status = finished ? RequestStatus.Completed : draft ? RequestStatus.Draft : RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept(CodeSystems.CarePlanCategory, ecm ? CodeSystems.EcmCarePlan : CodeSystems.HealthActionPlan)],
            Subject = new ResourceReference(patient),
            Period = new Period { Start = ProgramClock.Date(created) },
            Author = new ResourceReference(author),
            CareTeam = [new ResourceReference(careTeam)],
        };
        foreach (var service in CodeSystems.CoreServices.OrderBy(_ => random.Next()).Take(3 + random.Next(4)))
        {
            plan.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Code = new CodeableConcept(CodeSystems.CoreService, service),
                    Status = (draft ? 0 : random.Next(3)) switch
                    {
                        0 => CarePlan.CarePlanActivityStatus.NotStarted,
                        1 => CarePlan.CarePlanActivityStatus.InProgress,
                        _ => CarePlan.CarePlanActivityStatus.Completed,
                    },
                },
            });
        }

        transaction.Add(plan);
    }

    /// <summary>An inpatient stay during the enrollment and (mostly) its ambulatory follow-up.</summary>
    public void InpatientStay(DateTime enrolled, DateTime until)
    {
        var room = (until - enrolled).Days - 45;
        if (room < 1)
        {
            return;
        }

        var admitted = ProgramClock.AnyTime(random, enrolled.AddDays(5 + random.Next(room))).AddHours(random.Next(6));
        var discharged = ProgramClock.InBucket(random, admitted.Date.AddDays(2 + random.Next(9)), 1);
        transaction.Add(Encounter(random.Next(3) == 0 ? "ACUTE" : "IMP", Stays[random.Next(2)], admitted, discharged));
        var roll = random.Next(100);
        if (roll < 85)
        {
            var seen = ProgramClock.InBucket(random, discharged.Date.AddDays(roll < 60 ? 1 + random.Next(7) : 8 + random.Next(23)), 1);
            transaction.Add(Encounter("AMB", "390906007", seen, seen.AddMinutes(30 + random.Next(31))));
        }
    }

    /// <summary>The signed refusal form (KS-PANEL) or ECM decline, as an active deny Consent.</summary>
    public void OptOut(DateTime declined, string organization)
    {
        var signed = ProgramClock.InBucket(random, ProgramClock.Weekday(declined.Date.AddDays(random.Next(5))), 1);
        signed = signed.Date > ProgramClock.LastDay ? declined.AddMinutes(15) : signed;
        transaction.Add(new Consent
        {
            Meta = MemberTransaction.Claiming("hh-opt-out"),
            Extension = [MemberTransaction.EnrollmentOf(episode)],
            Status = Consent.ConsentState.Active,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "treatment"),
            Category =
            [
                new CodeableConcept(CodeSystems.Base + "CodeSystem/hh-consent-category", "program-participation"),
                new CodeableConcept(CodeSystems.ActCode, "OPTOUT"),
            ],
            Patient = new ResourceReference(patient),
            DateTime = ProgramClock.Instant(signed, ecm),
            Organization = [new ResourceReference(organization)],
            PolicyRule = new CodeableConcept(CodeSystems.ActCode, "OPTOUT"),
            Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Deny, Period = new Period { Start = ProgramClock.Date(signed) } },
        });
    }

    private Encounter Encounter(string @class, string type, DateTime start, DateTime end) => new()
    {
        Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
        Class = new Coding(CodeSystems.ActCode, @class),
        Type = [new CodeableConcept("http://snomed.info/sct", type)],
        Subject = new ResourceReference(patient),
        EpisodeOfCare = [new ResourceReference(episode)],
        Period = new Period { Start = ProgramClock.Instant(start, ecm), End = ProgramClock.Instant(end, ecm) },
    };
}
