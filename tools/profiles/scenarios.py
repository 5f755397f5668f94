"""Scenario transaction Bundles (examples/scenarios/*.json) for the program operations (issue 4, item 10). Each is
one transaction of PUTs with fixed ids, so loading it twice leaves the same current state; each carries the
Organizations and staff it points to. Load one with:
  curl -X POST http://localhost:5000/fhir -H 'Content-Type: application/fhir+json' --data-binary @examples/scenarios/<file>.json
The expected operation results are asserted in tests/HealthHomes.Fhir.Server.Tests/Operations/ScenarioTests.cs."""
import copy
from common import *
from examples import EXAMPLES, res, attempt, lc, c, ext, r, param, clean, activity, KID, CIN

SC = os.path.join(EX, "scenarios")
KS_HHP = EXAMPLES["HealthHomePartner-ks-sedgwick-cmhc"]; KS_LE = EXAMPLES["LeadEntity-ks-prairie-health-plan"]
KS_NURSE_ROLE = EXAMPLES["StaffRole-ks-nurse-care-coordinator"]
KERN = EXAMPLES["LeadEntity-kern-health-systems"]; KERN_ECM = EXAMPLES["EcmProvider-kern-bakersfield-care-partners"]
KERN_LCM_ROLE = EXAMPLES["StaffRole-kern-lead-care-manager"]
NURSE = r("PractitionerRole/ks-role-nurse-alvarez", "Rosa Alvarez, RN")
LCM = r("PractitionerRole/kern-role-lcm-nguyen", "Tuan Nguyen")
ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
SCT = "http://snomed.info/sct"; ICD = "http://hl7.org/fhir/sid/icd-10-cm"

def bundle(id_, resources):
    return {"resourceType": "Bundle", "id": id_, "type": "transaction",
            "entry": [{"fullUrl": f"{B}/fhir/{x['resourceType']}/{x['id']}", "resource": clean(copy.deepcopy(x)),
                       "request": {"method": "PUT", "url": f"{x['resourceType']}/{x['id']}"}} for x in resources]}

def member(id_, system, value, family, given, birth, gender, phone=None, address=None, **more):
    return res("Patient", id_, "hh-member",
        identifier=[{"use": "official", "type": c("http://terminology.hl7.org/CodeSystem/v2-0203", "MA", "Patient Medicaid number"), "system": system, "value": value}],
        name=[{"use": "official", "family": family, "given": given}], telecom=phone, gender=gender, birthDate=birth, address=address, **more)

def ks_enrollment(id_, patient, start, status="active", end=None, team=None):
    return res("EpisodeOfCare", id_, "hh-program-enrollment",
        extension=[ext("hh-responsible-plan", valueReference=r("Organization/ks-lead-entity-prairie", "Prairie Health Plan of Kansas"))],
        status=status, type=[lc("hh-program", "ks-hh", "KanCare SMI Health Homes")], patient=r(patient),
        managingOrganization=r("Organization/ks-hhp-sedgwick-cmhc", "Sedgwick Valley Community Mental Health Center"),
        period={"start": start, "end": end}, team=team)

def ecm_enrollment(id_, patient, authorized, authorization_end, assigned, pof, team=None):
    return res("EpisodeOfCare", id_, "hh-program-enrollment",
        extension=[ext("hh-responsible-plan", valueReference=r("Organization/kern-health-systems", "Kern Health Systems")),
                   ext("hh-authorization-period", valuePeriod={"start": authorized, "end": authorization_end}),
                   ext("hh-population-of-focus", valueCodeableConcept=lc("ecm-population-of-focus", pof))],
        status="active", type=[lc("hh-program", "ecm", "CalAIM Enhanced Care Management")], patient=r(patient),
        managingOrganization=r("Organization/kern-ecm-bakersfield-care-partners", "Bakersfield Community Care Partners"),
        period={"start": assigned}, team=team)

def phone_attempt(id_, enrollment, patient, when, number, outcome, checklist=None, steps=(), outputs=(), owner=NURSE, note=None, inputs=()):
    return attempt(id_, enrollment, (patient,), when, ("phone", "Telephone"), {"valueContactPoint": {"system": "phone", "value": number, "use": "mobile"}},
                   (outcome,), outputs=outputs, inputs=inputs, owner=owner, checklist=checklist, steps=steps, note=note)

def reached(name, number, *extra):
    return [param("person-reached-name", valueHumanName=name), param("person-reached-contact", valueContactPoint={"system": "phone", "value": number})] + list(extra)

def step(id_, enrollment, patient, when, code, checklist, part_of, note):
    return res("Task", id_, "hh-checklist-step",
        extension=[ext("hh-enrollment", valueReference=r(enrollment))], partOf=[r(part_of)], status="completed", intent="order",
        code=lc("hh-task-code", "checklist-step", "Outreach checklist step"), **{"for": r(patient)},
        executionPeriod={"start": when}, owner=NURSE,
        input=[param("checklist-step", valueCodeableConcept=lc("hh-checklist-step", code)), param("checklist", valueCodeableConcept=lc("hh-outreach-checklist", checklist))],
        note=[{"text": note}])

def encounter(id_, patient, klass, start, end, reason=None, provider=None, type_=None):
    return {"resourceType": "Encounter", "id": id_, "status": "finished", "class": {"system": ACT, "code": klass},
            "type": type_, "subject": r(patient), "period": {"start": start, "end": end},
            "reasonCode": reason, "serviceProvider": provider}

def condition(id_, patient, code, display):
    return {"resourceType": "Condition", "id": id_, "clinicalStatus": c("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
            "verificationStatus": c("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
            "category": [c("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
            "code": c(ICD, code, display), "subject": r(patient)}

def directory_ks(): return [KS_LE, KS_HHP, KS_NURSE_ROLE]
def directory_kern(): return [KERN, KERN_ECM, KERN_LCM_ROLE]

SCENARIOS = {}

# 1. Earleen: KanCare Health Home, HAP on day 79, psychiatric discharge with follow-ups on day 5 and day 40.
E = "Patient/ks-earleen"; EE = "EpisodeOfCare/ks-enrollment-earleen"
SCENARIOS["ks-earleen-health-home"] = directory_ks() + [
    member("ks-earleen", KID, "KC200411875", "Whitfield", ["Earleen"], "1985-02-14", "female",
           phone=[{"system": "phone", "value": "316-555-0311", "use": "mobile", "period": {"start": "2024-05-01"}}],
           address=[{"use": "home", "line": ["2210 S Seneca St"], "city": "Wichita", "state": "KS", "postalCode": "67213"}],
           extension=None),
    condition("ks-earleen-bipolar", E, "F31.81", "Bipolar II disorder"),
    condition("ks-earleen-copd", E, "J44.9", "Chronic obstructive pulmonary disease, unspecified"),
    condition("ks-earleen-diabetes", E, "E11.9", "Type 2 diabetes mellitus without complications"),
    {"resourceType": "Observation", "id": "ks-earleen-employment", "status": "final",
     "category": [c("http://terminology.hl7.org/CodeSystem/observation-category", "social-history")],
     "code": c("http://loinc.org", "67875-5", "Employment status current"), "subject": r(E), "effectiveDateTime": "2026-03-06",
     "valueCodeableConcept": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "code": "OTH"}], "text": "Unemployed; interested in part-time work"}},
    *[encounter(f"ks-earleen-admission-2025-{i}", E, "IMP", s, e, provider=r("Organization/ks-hhp-sedgwick-cmhc")) for i, (s, e) in enumerate(
        [("2025-01-08", "2025-01-14"), ("2025-04-02", "2025-04-06"), ("2025-07-19", "2025-07-28"), ("2025-10-30", "2025-11-03")], 1)],
    ks_enrollment("ks-enrollment-earleen", E, "2026-03-02", team=[r("CareTeam/ks-care-team-earleen")]),
    res("CareTeam", "ks-care-team-earleen", "hh-care-team", extension=[ext("hh-enrollment", valueReference=r(EE))], status="active", subject=r(E),
        participant=[{"role": [lc("hh-care-team-role", "nurse-care-coordinator")], "member": NURSE, "onBehalfOf": r("Organization/ks-hhp-sedgwick-cmhc")}]),
    phone_attempt("ks-earleen-attempt-1", EE, E, "2026-03-04T10:05:00-06:00", "316-555-0311", "no-answer"),
    phone_attempt("ks-earleen-attempt-2", EE, E, "2026-03-06T17:20:00-06:00", "316-555-0311", "agreed-to-engage",
                  outputs=reached({"family": "Whitfield", "given": ["Earleen"]}, "316-555-0311"), note="Agreed to join; wants help finding part-time work."),
    {"resourceType": "Goal", "id": "ks-earleen-goal-work", "lifecycleStatus": "active", "description": {"text": "Find part-time work within 6 months"}, "subject": r(E)},
    res("CarePlan", "ks-hap-earleen", "hh-health-action-plan",
        extension=[ext("hh-completion-date", valueDateTime="2026-05-20T11:00:00-05:00"), ext("hh-enrollment", valueReference=r(EE))],
        status="active", intent="plan", category=[lc("hh-careplan-category", "health-action-plan", "Health Action Plan")],
        title="Health Action Plan - Earleen Whitfield", subject=r(E), period={"start": "2026-05-20"}, created="2026-05-20T11:00:00-05:00",
        author=NURSE, careTeam=[r("CareTeam/ks-care-team-earleen")], goal=[r("Goal/ks-earleen-goal-work")],
        activity=[activity("comprehensive-care-management", "Comprehensive care management", "in-progress", "Coordinate psychiatry, pulmonology and diabetes care."),
                  activity("comprehensive-transitional-care", "Comprehensive transitional care", "in-progress", "See Earleen within 7 days of any discharge."),
                  activity("individual-family-support", "Individual and family support", "scheduled", "Supported employment referral.")]),
    encounter("ks-earleen-psych-stay", E, "IMP", "2026-06-10T15:00:00-05:00", "2026-06-15T10:30:00-05:00",
              reason=[c(ICD, "F31.81", "Bipolar II disorder")], type_=[c(SCT, "32485007", "Hospital admission")]),
    encounter("ks-earleen-followup-day5", E, "AMB", "2026-06-20T09:00:00-05:00", "2026-06-20T09:45:00-05:00", provider=r("Organization/ks-hhp-sedgwick-cmhc")),
    encounter("ks-earleen-followup-day40", E, "AMB", "2026-07-25T14:00:00-05:00", "2026-07-25T14:40:00-05:00", provider=r("Organization/ks-hhp-sedgwick-cmhc")),
]

# 2. ECM member experiencing homelessness, reached by street outreach (no phone).
S = "Patient/kern-samuel-reyes"; SE = "EpisodeOfCare/kern-enrollment-samuel"
SCENARIOS["ecm-street-outreach"] = directory_kern() + [
    member("kern-samuel-reyes", CIN, "93456120B", "Reyes", ["Samuel"], "1968-09-30", "male",
           address=[{"use": "temp", "text": "Unsheltered, Mill Creek Linear Park near 21st St, Bakersfield", "city": "Bakersfield", "state": "CA", "postalCode": "93301"}]),
    {"resourceType": "Task", "id": "kern-samuel-eligibility", "status": "completed", "intent": "order", "priority": "routine",
     "code": lc("hh-task-code", "ecm-eligibility-review", "ECM eligibility review"), "for": r(S), "authoredOn": "2026-02-24T09:00:00-08:00",
     "executionPeriod": {"start": "2026-02-24T09:00:00-08:00", "end": "2026-02-27T15:00:00-08:00"}, "businessStatus": {"text": "Authorized"},
     "requester": r("Organization/kern-health-systems"), "owner": r("Organization/kern-health-systems")},
    ecm_enrollment("kern-enrollment-samuel", S, "2026-03-02", "2027-03-01", "2026-03-06", "homeless-adult-no-children", team=[r("CareTeam/kern-care-team-samuel")]),
    res("CareTeam", "kern-care-team-samuel", "hh-care-team", extension=[ext("hh-enrollment", valueReference=r(SE))], status="active", subject=r(S),
        participant=[{"role": [lc("hh-care-team-role", "lead-care-manager", "ECM Lead Care Manager")], "member": LCM, "onBehalfOf": r("Organization/kern-ecm-bakersfield-care-partners")}]),
    {"resourceType": "Communication", "id": "kern-samuel-provider-notice", "status": "completed",
     "extension": [ext("hh-enrollment", valueReference=r(SE))], "category": [lc("hh-notification-type", "provider-assignment-notification")],
     "subject": r(S), "sent": "2026-03-06T16:00:00-08:00", "recipient": [r("Organization/kern-ecm-bakersfield-care-partners")], "sender": r("Organization/kern-health-systems"),
     "payload": [{"contentString": "Weekly Member Information File: new assignment Samuel Reyes."}]},
    {"resourceType": "Communication", "id": "kern-samuel-pcp-notice", "status": "completed",
     "extension": [ext("hh-enrollment", valueReference=r(SE))], "category": [lc("hh-notification-type", "pcp-assignment-notification")],
     "medium": [c("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "ELECTRONIC")],
     "subject": r(S), "sent": "2026-03-09T10:00:00-07:00", "recipient": [r("Organization/kern-valley-clinic")], "sender": r("Organization/kern-health-systems"),
     "payload": [{"contentString": "Your patient Samuel Reyes is assigned to Bakersfield Community Care Partners for ECM."}]},
    attempt("kern-samuel-attempt-1", SE, (S,), "2026-03-10T07:45:00-07:00", ("in-person-community", "In person in the community / street"),
            {"valueAddress": {"text": "Mill Creek Linear Park near 21st St", "city": "Bakersfield", "state": "CA"}}, ("no-answer",), owner=LCM,
            inputs=[param("interaction-category", valueCodeableConcept=lc("ecm-interaction-category", "ecm-outreach-in-person"))],
            note="Street outreach at dawn with the county team: not at his usual spot."),
    attempt("kern-samuel-attempt-2", SE, (S,), "2026-03-12T18:10:00-07:00", ("in-person-community", "In person in the community / street"),
            {"valueAddress": {"text": "Mission at Kern County, 816 E 21st St", "city": "Bakersfield", "state": "CA"}}, ("agreed-to-engage",), owner=LCM,
            inputs=[param("interaction-category", valueCodeableConcept=lc("ecm-interaction-category", "ecm-outreach-in-person"))],
            outputs=reached({"family": "Reyes", "given": ["Samuel"]}, "661-555-0190", param("informed-of-rights", valueBoolean=True)),
            note="Met at the evening meal line; agreed to ECM. Told he may decline or ask for another provider. Messages via the Mission's front desk."),
]
SCENARIOS["ecm-street-outreach"][-1]["output"][2]["valueContactPoint"]["use"] = "work"

# 3. Wrong phone number: checklist 1 the same day, a new number from the MCO system, checklist 3, then unable to reach.
W = "Patient/ks-wanda-hollis"; WE = "EpisodeOfCare/ks-enrollment-wanda"
SCENARIOS["ks-wrong-number-to-unable-to-reach"] = directory_ks() + [
    member("ks-wanda-hollis", KID, "KC300928114", "Hollis", ["Wanda"], "1972-06-08", "female",
           phone=[{"system": "phone", "value": "316-555-0400", "use": "home", "period": {"start": "2022-01-01", "end": "2026-02-04T10:00:00-06:00"}},
                  {"system": "phone", "value": "316-555-0455", "use": "mobile", "period": {"start": "2026-02-04T15:00:00-06:00"}}],
           address=[{"use": "home", "line": ["911 E Lincoln St"], "city": "Wichita", "state": "KS", "postalCode": "67211"}]),
    ks_enrollment("ks-enrollment-wanda", W, "2026-02-02"),
    phone_attempt("ks-wanda-attempt-1", WE, W, "2026-02-04T10:00:00-06:00", "316-555-0400", "wrong-number", checklist="checklist-1",
                  note="A different person answered: not Wanda's number."),
    step("ks-wanda-step-mailing", WE, W, "2026-02-04T11:00:00-06:00", "send-mailing", "checklist-1", "Task/ks-wanda-attempt-1", "Program letter mailed to 911 E Lincoln St."),
    step("ks-wanda-step-database", WE, W, "2026-02-04T14:30:00-06:00", "check-alternate-database", "checklist-1", "Task/ks-wanda-attempt-1", "MCO system lists mobile 316-555-0455 since January."),
    step("ks-wanda-step-pharmacy", WE, W, "2026-02-04T16:00:00-06:00", "contact-pharmacy-or-provider", "checklist-1", "Task/ks-wanda-attempt-1", "Left a note with Lincoln Street Pharmacy."),
    phone_attempt("ks-wanda-attempt-2", WE, W, "2026-02-06T13:00:00-06:00", "316-555-0455", "no-answer", checklist="checklist-3"),
    phone_attempt("ks-wanda-attempt-3", WE, W, "2026-02-09T08:10:00-06:00", "316-555-0455", "unable-to-leave-message", checklist="checklist-3", steps=["early-or-late-call"]),
    phone_attempt("ks-wanda-attempt-4", WE, W, "2026-02-12T18:30:00-06:00", "316-555-0455", "no-answer", checklist="checklist-3", steps=["follow-up-call-7d"]),
    step("ks-wanda-step-mailing-2", WE, W, "2026-02-16T09:00:00-06:00", "send-mailing", "checklist-3", "Task/ks-wanda-attempt-4", "Second program letter mailed."),
    step("ks-wanda-step-database-2", WE, W, "2026-02-16T09:30:00-06:00", "check-alternate-database", "checklist-3", "Task/ks-wanda-attempt-4", "DCF and MCO systems: no newer contact."),
    step("ks-wanda-step-pharmacy-2", WE, W, "2026-02-17T11:00:00-06:00", "contact-pharmacy-or-provider", "checklist-3", "Task/ks-wanda-attempt-4", "Pharmacy: last fill in December; note left."),
]

# 4. Contacted but not engaged, callback promised (checklist 4).
T = "Patient/ks-terrence-boyd"; TE = "EpisodeOfCare/ks-enrollment-terrence"
SCENARIOS["ks-contacted-callback"] = directory_ks() + [
    member("ks-terrence-boyd", KID, "KC400155290", "Boyd", ["Terrence"], "1990-12-01", "male",
           phone=[{"system": "phone", "value": "620-555-0610", "use": "mobile"}],
           address=[{"use": "home", "line": ["300 W 2nd Ave"], "city": "Hutchinson", "state": "KS", "postalCode": "67501"}]),
    ks_enrollment("ks-enrollment-terrence", T, "2026-04-06"),
    phone_attempt("ks-terrence-attempt-1", TE, T, "2026-04-08T11:15:00-05:00", "620-555-0610", "scheduled-callback", checklist="checklist-4",
                  steps=["ask-send-information", "ask-callback-timeframe"],
                  outputs=reached({"family": "Boyd", "given": ["Terrence"]}, "620-555-0610", param("callback-due", valueDateTime="2026-04-15T11:00:00-05:00")),
                  note="Not ready to decide; agreed to receive the brochure and a call back next Wednesday."),
    {"resourceType": "Communication", "id": "ks-terrence-brochure", "meta": {"profile": [sd_url("hh-outreach-communication")]},
     "extension": [ext("hh-enrollment", valueReference=r(TE))], "partOf": [r("Task/ks-terrence-attempt-1")], "status": "completed",
     "medium": [c("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "MAILWRIT")], "subject": r(T), "sent": "2026-04-08T15:00:00-05:00",
     "recipient": [r(T)], "sender": NURSE, "payload": [{"contentString": "Health Home program brochure mailed."}]},
]

# 5. A member who opts out.
O = "Patient/ks-olivia-nash"; OE = "EpisodeOfCare/ks-enrollment-olivia"
SCENARIOS["ks-opt-out"] = directory_ks() + [
    member("ks-olivia-nash", KID, "KC500377402", "Nash", ["Olivia"], "1981-03-19", "female",
           phone=[{"system": "phone", "value": "785-555-0720", "use": "mobile"}],
           address=[{"use": "home", "line": ["1200 SW Gage Blvd"], "city": "Topeka", "state": "KS", "postalCode": "66604"}]),
    ks_enrollment("ks-enrollment-olivia", O, "2026-05-04"),
    phone_attempt("ks-olivia-attempt-1", OE, O, "2026-05-06T09:30:00-05:00", "785-555-0720", "declined", checklist="checklist-4", steps=["opt-out-info-on-request"],
                  outputs=reached({"family": "Nash", "given": ["Olivia"]}, "785-555-0720"), note="Does not want Health Home services; asked how to opt out."),
    res("Consent", "ks-olivia-opt-out", "hh-opt-out", extension=[ext("hh-enrollment", valueReference=r(OE))], status="active",
        scope=c("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"),
        category=[lc("hh-consent-category", "program-participation", "Program participation"), c(ACT, "OPTOUT", "opt-out")],
        patient=r(O), dateTime="2026-05-08T10:00:00-05:00", organization=[r("Organization/ks-hhp-sedgwick-cmhc")],
        sourceAttachment={"contentType": "application/pdf", "title": "KanCare Health Home refusal form", "creation": "2026-05-08"},
        policyRule=c(ACT, "OPTOUT", "opt-out"), provision={"type": "deny", "period": {"start": "2026-05-08"}}),
]

# 6. A referral closed as member unable to reach.
R = "Patient/kern-member-2001"; RE = "EpisodeOfCare/kern-enrollment-2001"
SCENARIOS["ecm-referral-unable-to-reach"] = directory_kern() + [EXAMPLES["Member-kern-maria-lopez"], EXAMPLES["ProgramEnrollment-kern-ecm"],
    {"resourceType": "Organization", "id": "kern-food-bank", "active": True, "name": "Kern Community Food Bank",
     "type": [c("http://terminology.hl7.org/CodeSystem/organization-type", "cg", "Community Group")]},
    res("ServiceRequest", "kern-referral-2001-food", "hh-referral-request", status="revoked", intent="order",
        category=[c("http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes", "food-insecurity", "Food Insecurity")],
        code={"text": "Medically tailored meals (CalAIM Community Supports)"}, subject=r(R), authoredOn="2026-04-01T10:00:00-07:00",
        requester=LCM, performer=[r("Organization/kern-food-bank", "Kern Community Food Bank")]),
    res("Task", "kern-referral-task-2001-food", "hh-referral-task", extension=[ext("hh-enrollment", valueReference=r(RE))],
        status="failed", statusReason=lc("hh-referral-closure", "member-unable-to-reach", "Member unable to reach") | {"text": "Three calls and a letter, no answer"},
        businessStatus={"text": "Closed - member unable to reach"}, intent="order", priority="routine",
        code={"coding": [{"system": "http://hl7.org/fhir/CodeSystem/task-code", "code": "fulfill"}, {"system": cs_url("hh-task-code"), "code": "referral", "display": "Closed-loop referral"}]},
        focus=r("ServiceRequest/kern-referral-2001-food"), **{"for": r(R)}, authoredOn="2026-04-01T10:05:00-07:00", lastModified="2026-04-24T16:00:00-07:00",
        requester=LCM, owner=r("Organization/kern-food-bank", "Kern Community Food Bank")),
]

def build():
    if os.path.isdir(SC):
        for f in os.listdir(SC):
            if f.endswith(".json"): os.remove(os.path.join(SC, f))
    for name, resources in SCENARIOS.items():
        write(SC, name + ".json", bundle(name, resources))
