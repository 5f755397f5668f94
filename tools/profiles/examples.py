from common import *
P = cs_url("hh-task-parameter")
KID = f"{B}/sid/kancare-id"; CIN = f"{B}/sid/medi-cal-cin"
NPI = "http://hl7.org/fhir/sid/us-npi"

def c(system, code, display=None):
    x = {"system": system, "code": code}
    if display: x["display"] = display
    return {"coding": [x]}
def lc(cs, code, display=None): return c(cs_url(cs), code, display)
def ext(id_, **v): return {"url": sd_url(id_), **v}
def r(ref, display=None):
    x = {"reference": ref}
    if display: x["display"] = display
    return x
def res(rt, id_, profile, **body):
    return {"resourceType": rt, "id": id_, "meta": {"profile": [sd_url(profile)]}, **body}
def param(code, **value): return {"type": lc("hh-task-parameter", code), **value}

EXAMPLES = {}
def ex(file, resource): EXAMPLES[file] = resource

ex("Member-ks-darnell-price", res("Patient", "ks-member-1001", "hh-member",
  identifier=[{"use": "official", "type": c("http://terminology.hl7.org/CodeSystem/v2-0203", "MA", "Patient Medicaid number"), "system": KID, "value": "KC100847261"}],
  name=[{"use": "official", "family": "Price", "given": ["Darnell", "J"]}],
  telecom=[{"system": "phone", "value": "316-555-0142", "use": "mobile", "period": {"start": "2025-06-01"}},
           {"system": "phone", "value": "316-555-0199", "use": "home", "period": {"start": "2023-01-10", "end": "2025-05-31"}}],
  gender="male", birthDate="1987-04-22",
  address=[{"use": "home", "line": ["1420 N Market St", "Apt 3"], "city": "Wichita", "district": "Sedgwick", "state": "KS", "postalCode": "67214", "period": {"start": "2024-09-01"}}],
  contact=[{"relationship": [c("http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin")], "name": {"family": "Price", "given": ["Loretta"]}, "telecom": [{"system": "phone", "value": "316-555-0177"}]}]))

ex("Member-kern-maria-lopez", res("Patient", "kern-member-2001", "hh-member",
  identifier=[{"use": "official", "type": c("http://terminology.hl7.org/CodeSystem/v2-0203", "MA", "Patient Medicaid number"), "system": CIN, "value": "91234567A"}],
  name=[{"use": "official", "family": "Lopez", "given": ["Maria", "Elena"]}],
  telecom=[{"system": "phone", "value": "661-555-0118", "use": "mobile", "period": {"start": "2025-11-03"}}],
  gender="female", birthDate="1979-11-03",
  address=[{"use": "temp", "text": "Shelter, 1600 E Truxtun Ave, Bakersfield, CA 93305", "line": ["1600 E Truxtun Ave"], "city": "Bakersfield", "district": "Kern", "state": "CA", "postalCode": "93305", "period": {"start": "2025-12-15"}}],
  communication=[{"language": c("urn:ietf:bcp:47", "es", "Spanish"), "preferred": True}]))

ex("LeadEntity-ks-prairie-health-plan", res("Organization", "ks-lead-entity-prairie", "hh-lead-entity",
  identifier=[{"system": NPI, "value": "1467503218"}],
  type=[lc("hh-organization-role", "lead-entity", "Lead Entity (LE/MCO)"), c("http://terminology.hl7.org/CodeSystem/organization-type", "ins", "Insurance Company")],
  name="Prairie Health Plan of Kansas", telecom=[{"system": "phone", "value": "800-555-0160", "use": "work"}],
  address=[{"line": ["8325 Lenexa Dr"], "city": "Lenexa", "state": "KS", "postalCode": "66214"}]))

ex("LeadEntity-kern-health-systems", res("Organization", "kern-health-systems", "hh-lead-entity",
  type=[lc("hh-organization-role", "managed-care-plan", "Medi-Cal managed care plan"), c("http://terminology.hl7.org/CodeSystem/organization-type", "ins", "Insurance Company")],
  name="Kern Health Systems", telecom=[{"system": "phone", "value": "661-555-0100", "use": "work"}],
  address=[{"line": ["2900 Buck Owens Blvd"], "city": "Bakersfield", "state": "CA", "postalCode": "93308"}]))

ex("HealthHomePartner-ks-sedgwick-cmhc", res("Organization", "ks-hhp-sedgwick-cmhc", "hh-health-home-partner",
  extension=[ext("hh-hhp-provider-type", valueCodeableConcept=lc("hhp-provider-type", "cmhc", "Community Mental Health Center")),
             ext("hh-contract-period", valuePeriod={"start": "2025-07-01"}),
             {"url": sd_url("hh-hit-attestation"), "extension": [{"url": "milestone", "valueCode": "ehr-plan"}, {"url": "date", "valueDate": "2025-09-15"}]},
             {"url": sd_url("hh-hit-attestation"), "extension": [{"url": "milestone", "valueCode": "hie-connected"}, {"url": "date", "valueDate": "2026-03-02"}, {"url": "hie", "valueString": "KHIN"}]}],
  identifier=[{"system": NPI, "value": "1740238915"}],
  type=[lc("hh-organization-role", "health-home-partner", "Health Home Partner (HHP)")],
  name="Sedgwick Valley Community Mental Health Center", telecom=[{"system": "phone", "value": "316-555-0120", "use": "work"}],
  address=[{"line": ["635 N Main St"], "city": "Wichita", "state": "KS", "postalCode": "67203"}],
  partOf=r("Organization/ks-lead-entity-prairie", "Prairie Health Plan of Kansas")))

ex("EcmProvider-kern-bakersfield-care-partners", res("Organization", "kern-ecm-bakersfield-care-partners", "hh-ecm-provider",
  extension=[ext("hh-contract-period", valuePeriod={"start": "2024-01-01", "end": "2026-12-31"})],
  identifier=[{"system": NPI, "value": "1558362047"}],
  type=[lc("hh-organization-role", "ecm-provider", "ECM Provider")],
  name="Bakersfield Community Care Partners", telecom=[{"system": "phone", "value": "661-555-0135", "use": "work"}],
  address=[{"line": ["1801 19th St"], "city": "Bakersfield", "state": "CA", "postalCode": "93301"}]))

ex("StaffRole-ks-nurse-care-coordinator", res("PractitionerRole", "ks-role-nurse-alvarez", "hh-staff-role",
  extension=[ext("hh-staff-qualification", valueCodeableConcept=c("http://terminology.hl7.org/CodeSystem/v2-0360", "RN", "Registered Nurse")),
             ext("hh-staff-qualification", valueCodeableConcept=c("http://terminology.hl7.org/CodeSystem/v2-0360", "BSN", "Bachelor of Science in Nursing"))],
  active=True, period={"start": "2025-07-01"},
  practitioner=r("Practitioner/ks-nurse-alvarez", "Rosa Alvarez, RN"), organization=r("Organization/ks-hhp-sedgwick-cmhc", "Sedgwick Valley Community Mental Health Center"),
  code=[lc("hh-care-team-role", "nurse-care-coordinator", "Nurse care coordinator")],
  telecom=[{"system": "phone", "value": "316-555-0121", "use": "work"}]))

ex("StaffRole-kern-lead-care-manager", res("PractitionerRole", "kern-role-lcm-nguyen", "hh-staff-role",
  extension=[ext("hh-staff-qualification", valueCodeableConcept=c("http://terminology.hl7.org/CodeSystem/v2-0360", "BA", "Bachelor of Arts"))],
  active=True, period={"start": "2024-03-01"},
  practitioner=r("Practitioner/kern-lcm-nguyen", "Tuan Nguyen"), organization=r("Organization/kern-ecm-bakersfield-care-partners", "Bakersfield Community Care Partners"),
  code=[lc("hh-care-team-role", "lead-care-manager", "ECM Lead Care Manager")],
  telecom=[{"system": "phone", "value": "661-555-0136", "use": "work"}, {"system": "email", "value": "tnguyen@bcp.example", "use": "work"}]))

ex("ProgramEnrollment-ks-hh", res("EpisodeOfCare", "ks-enrollment-1001", "hh-program-enrollment",
  extension=[ext("hh-responsible-plan", valueReference=r("Organization/ks-lead-entity-prairie", "Prairie Health Plan of Kansas"))],
  status="active", type=[lc("hh-program", "ks-hh", "KanCare SMI Health Homes")],
  patient=r("Patient/ks-member-1001", "Darnell Price"), managingOrganization=r("Organization/ks-hhp-sedgwick-cmhc", "Sedgwick Valley Community Mental Health Center"),
  period={"start": "2026-01-12"}, team=[r("CareTeam/ks-care-team-1001")]))

ex("ProgramEnrollment-kern-ecm", res("EpisodeOfCare", "kern-enrollment-2001", "hh-program-enrollment",
  extension=[ext("hh-responsible-plan", valueReference=r("Organization/kern-health-systems", "Kern Health Systems")),
             ext("hh-authorization-period", valuePeriod={"start": "2026-01-05", "end": "2027-01-04"}),
             ext("hh-population-of-focus", valueCodeableConcept=lc("ecm-population-of-focus", "homeless-adult-no-children", "Adults without dependent children/youth living with them experiencing homelessness")),
             ext("hh-population-of-focus", valueCodeableConcept=lc("ecm-population-of-focus", "smh-sud-adult", "Adults with serious mental health and/or SUD needs"))],
  status="active", type=[lc("hh-program", "ecm", "CalAIM Enhanced Care Management")],
  patient=r("Patient/kern-member-2001", "Maria Lopez"), managingOrganization=r("Organization/kern-ecm-bakersfield-care-partners", "Bakersfield Community Care Partners"),
  period={"start": "2026-01-09"}, careManager=r("Practitioner/kern-lcm-nguyen", "Tuan Nguyen"), team=[r("CareTeam/kern-care-team-2001")]))

ex("ProgramEnrollment-kern-ecm-disenrolled", res("EpisodeOfCare", "kern-enrollment-2002", "hh-program-enrollment",
  extension=[ext("hh-responsible-plan", valueReference=r("Organization/kern-health-systems", "Kern Health Systems")),
             ext("hh-authorization-period", valuePeriod={"start": "2025-03-03", "end": "2026-03-02"}),
             ext("hh-population-of-focus", valueCodeableConcept=lc("ecm-population-of-focus", "avoidable-utilization-adult")),
             ext("hh-disenrollment-reason", valueCodeableConcept=lc("ecm-disenrollment-reason", "unable-to-connect", "Provider unable to connect with the member after multiple attempts"))],
  status="finished", type=[lc("hh-program", "ecm")],
  patient=r("Patient/kern-member-2001", "Maria Lopez"), managingOrganization=r("Organization/kern-ecm-bakersfield-care-partners"),
  period={"start": "2025-03-10", "end": "2025-09-30"}))

ex("ProgramCareTeam-ks", res("CareTeam", "ks-care-team-1001", "hh-care-team",
  extension=[ext("hh-enrollment", valueReference=r("EpisodeOfCare/ks-enrollment-1001"))],
  status="active", subject=r("Patient/ks-member-1001", "Darnell Price"), period={"start": "2026-01-12"},
  participant=[{"role": [lc("hh-care-team-role", "nurse-care-coordinator", "Nurse care coordinator")], "member": r("PractitionerRole/ks-role-nurse-alvarez", "Rosa Alvarez, RN"), "onBehalfOf": r("Organization/ks-hhp-sedgwick-cmhc")},
               {"role": [lc("hh-care-team-role", "psychiatrist", "Psychiatrist")], "member": r("Practitioner/ks-psychiatrist-okafor", "Chidi Okafor, MD"), "onBehalfOf": r("Organization/ks-lead-entity-prairie")},
               {"role": [lc("hh-care-team-role", "peer-support-specialist", "Peer support specialist")], "member": r("Practitioner/ks-peer-hale", "Jordan Hale"), "onBehalfOf": r("Organization/ks-hhp-sedgwick-cmhc")}]))

ex("ProgramCareTeam-kern", res("CareTeam", "kern-care-team-2001", "hh-care-team",
  extension=[ext("hh-enrollment", valueReference=r("EpisodeOfCare/kern-enrollment-2001"))],
  status="active", subject=r("Patient/kern-member-2001", "Maria Lopez"), period={"start": "2026-01-09"},
  participant=[{"role": [lc("hh-care-team-role", "lead-care-manager", "ECM Lead Care Manager")], "member": r("PractitionerRole/kern-role-lcm-nguyen", "Tuan Nguyen"), "onBehalfOf": r("Organization/kern-ecm-bakersfield-care-partners"), "period": {"start": "2026-01-09"}}]))

def activity(code, display, status, desc):
    return {"detail": {"code": lc("hh-core-service", code, display), "status": status, "description": desc}}
ex("HealthActionPlan-ks", res("CarePlan", "ks-hap-1001", "hh-health-action-plan",
  extension=[ext("hh-completion-date", valueDateTime="2026-03-18T14:00:00-05:00"), ext("hh-enrollment", valueReference=r("EpisodeOfCare/ks-enrollment-1001"))],
  status="active", intent="plan",
  category=[lc("hh-careplan-category", "health-action-plan", "Health Action Plan"), c("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan")],
  title="Health Action Plan - Darnell Price", subject=r("Patient/ks-member-1001", "Darnell Price"),
  period={"start": "2026-03-18", "end": "2026-09-18"}, created="2026-03-18T14:00:00-05:00",
  author=r("PractitionerRole/ks-role-nurse-alvarez", "Rosa Alvarez, RN"), careTeam=[r("CareTeam/ks-care-team-1001")],
  activity=[activity("comprehensive-care-management", "Comprehensive care management", "in-progress", "Reassess needs and update the HAP every 6 months."),
            activity("care-coordination", "Care coordination", "scheduled", "Schedule psychiatry follow-up and primary care visit."),
            activity("comprehensive-transitional-care", "Comprehensive transitional care", "not-started", "Follow up within 7 days of any inpatient discharge."),
            activity("referral-community-social-support", "Referral to community and social support services", "in-progress", "Refer to housing assistance and transportation.")]))

def attempt(id_, enrollment, member, when, modality, point, outcome, outputs=(), inputs=(), owner=None, checklist=None, steps=(), note=None):
    ins = [param("modality", valueCodeableConcept=lc("hh-outreach-modality", *modality))] + [param("contact-point-attempted", **point)]
    if checklist: ins.append(param("checklist", valueCodeableConcept=lc("hh-outreach-checklist", checklist)))
    ins += [param("checklist-step", valueCodeableConcept=lc("hh-checklist-step", s)) for s in steps] + list(inputs)
    t = res("Task", id_, "hh-outreach-attempt",
        extension=[ext("hh-enrollment", valueReference=r(enrollment))],
        status="completed", intent="order", code=lc("hh-task-code", "outreach-attempt", "Outreach attempt"),
        **{"for": r(*member)}, executionPeriod={"start": when}, authoredOn=when, owner=owner,
        input=ins, output=[param("outreach-outcome", valueCodeableConcept=lc("hh-attempt-outcome", *outcome))] + list(outputs))
    if note: t["note"] = [{"text": note}]
    return t

NURSE = r("PractitionerRole/ks-role-nurse-alvarez", "Rosa Alvarez, RN")
LCM = r("PractitionerRole/kern-role-lcm-nguyen", "Tuan Nguyen")
ex("OutreachAttempt-ks-morning-no-answer", attempt("ks-attempt-1001-2", "EpisodeOfCare/ks-enrollment-1001", ("Patient/ks-member-1001", "Darnell Price"),
  "2026-02-10T08:15:00-06:00", ("phone", "Telephone"), {"valueContactPoint": {"system": "phone", "value": "316-555-0142", "use": "mobile"}},
  ("no-answer", "No answer"), owner=NURSE, checklist="checklist-3", steps=["early-or-late-call"],
  note="Early-morning call on the confirmed mobile number; rang out, voicemail box full."))
ex("OutreachAttempt-ks-home-visit-address-not-found", attempt("ks-attempt-1001-3", "EpisodeOfCare/ks-enrollment-1001", ("Patient/ks-member-1001", "Darnell Price"),
  "2026-02-13T13:40:00-06:00", ("in-person-home", "In person where the member lives"),
  {"valueAddress": {"line": ["1420 N Market St", "Apt 3"], "city": "Wichita", "state": "KS", "postalCode": "67214"}},
  ("address-not-found", "Not located at the listed address"), owner=NURSE, checklist="checklist-2",
  outputs=[param("person-reached", valueReference=r("RelatedPerson/ks-landlord-1001", "Building manager"))] and [],
  note="Building manager said the member moved out in January; no forwarding address."))
ex("OutreachAttempt-kern-evening-reached", attempt("kern-attempt-2001-2", "EpisodeOfCare/kern-enrollment-2001", ("Patient/kern-member-2001", "Maria Lopez"),
  "2026-02-12T17:30:00-08:00", ("phone", "Telephone"), {"valueContactPoint": {"system": "phone", "value": "661-555-0118", "use": "mobile"}},
  ("reached-member", "Reached the member"), owner=LCM,
  inputs=[param("interaction-category", valueCodeableConcept=lc("ecm-interaction-category", "ecm-outreach-telephonic-electronic", "ECM Outreach Telephonic/Electronic"))],
  outputs=[param("person-reached", valueReference=r("Patient/kern-member-2001", "Maria Lopez")),
           param("person-reached-name", valueHumanName={"family": "Lopez", "given": ["Maria"]}),
           param("person-reached-contact", valueContactPoint={"system": "phone", "value": "661-555-0118", "use": "mobile"}),
           param("callback-due", valueDateTime="2026-02-19T17:30:00-08:00"),
           param("informed-of-rights", valueBoolean=True)],
  note="Second attempt (first was Monday 08:40). Member agreed to a callback next Thursday evening; told she may decline ECM or ask for another provider."))

ex("ChecklistStepRecord-ks-send-mailing", res("Task", "ks-step-1001-mailing", "hh-checklist-step",
  extension=[ext("hh-enrollment", valueReference=r("EpisodeOfCare/ks-enrollment-1001"))],
  partOf=[r("Task/ks-attempt-1001-2")], status="completed", intent="order", code=lc("hh-task-code", "checklist-step", "Outreach checklist step"),
  **{"for": r("Patient/ks-member-1001", "Darnell Price")}, executionPeriod={"start": "2026-02-18T09:30:00-06:00", "end": "2026-02-18T09:45:00-06:00"},
  owner=NURSE,
  input=[param("checklist-step", valueCodeableConcept=lc("hh-checklist-step", "send-mailing", "Send mailing")),
         param("checklist", valueCodeableConcept=lc("hh-outreach-checklist", "checklist-3"))],
  note=[{"text": "Unable to connect 7 days after the first failed call: program letter mailed to 1420 N Market St Apt 3."}]))

ex("ReferralRequest-kern-housing-navigation", res("ServiceRequest", "kern-referral-2001-housing", "hh-referral-request",
  status="completed", intent="order",
  category=[c("http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes", "homelessness", "Homelessness")],
  code={"text": "Housing transition navigation services (CalAIM Community Supports)"},
  subject=r("Patient/kern-member-2001", "Maria Lopez"), occurrencePeriod={"start": "2026-02-16", "end": "2026-05-16"},
  authoredOn="2026-02-16T10:20:00-08:00", requester=LCM, performer=[r("Organization/kern-housing-collaborative", "Kern Housing Collaborative")]))

ex("ReferralTask-kern-housing-navigation", res("Task", "kern-referral-task-2001-housing", "hh-referral-task",
  extension=[ext("hh-enrollment", valueReference=r("EpisodeOfCare/kern-enrollment-2001"))],
  status="completed", statusReason=lc("hh-referral-closure", "completed", "Services received") | {"text": "Services received"},
  businessStatus={"text": "Closed - services received"}, intent="order", priority="routine",
  code={"coding": [{"system": "http://hl7.org/fhir/CodeSystem/task-code", "code": "fulfill"}, {"system": cs_url("hh-task-code"), "code": "referral", "display": "Closed-loop referral"}]},
  focus=r("ServiceRequest/kern-referral-2001-housing"), **{"for": r("Patient/kern-member-2001", "Maria Lopez")},
  authoredOn="2026-02-16T10:25:00-08:00", lastModified="2026-03-20T15:05:00-07:00",
  requester=LCM, owner=r("Organization/kern-housing-collaborative", "Kern Housing Collaborative")))

ex("OutreachCommunication-kern-text", res("Communication", "kern-text-2001-1", "hh-outreach-communication",
  partOf=[r("Task/kern-attempt-2001-2")], status="completed",
  category=[lc("ecm-interaction-category", "ecm-outreach-telephonic-electronic", "ECM Outreach Telephonic/Electronic")],
  medium=[c("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "SMSWRIT", "SMS written")],
  subject=r("Patient/kern-member-2001", "Maria Lopez"), sent="2026-02-12T17:48:00-08:00",
  recipient=[r("Patient/kern-member-2001", "Maria Lopez")], sender=LCM,
  payload=[{"contentString": "Hi Maria, this is Tuan from Bakersfield Community Care Partners. My number is 661-555-0136. Talk Thursday evening."}]))

ex("ProgramOptOut-ks-refusal", res("Consent", "ks-opt-out-1001", "hh-opt-out",
  extension=[ext("hh-enrollment", valueReference=r("EpisodeOfCare/ks-enrollment-1001"))],
  status="active", scope=c("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"),
  category=[lc("hh-consent-category", "program-participation", "Program participation"), c("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTOUT", "opt-out")],
  patient=r("Patient/ks-member-1001", "Darnell Price"), dateTime="2026-04-02T11:10:00-05:00",
  organization=[r("Organization/ks-hhp-sedgwick-cmhc")],
  sourceAttachment={"contentType": "application/pdf", "title": "KanCare Health Home refusal form, signed 2026-04-02", "creation": "2026-04-02"},
  policyRule=c("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTOUT", "opt-out"),
  provision={"type": "deny", "period": {"start": "2026-04-02"}}))

def clean(o):
    if isinstance(o, dict): return {k: clean(v) for k, v in o.items() if v is not None}
    if isinstance(o, list): return [clean(v) for v in o]
    return o

def build():
    if os.path.isdir(EX):
        for f in os.listdir(EX):
            if f.endswith(".json"): os.remove(os.path.join(EX, f))
    for name, resource in EXAMPLES.items():
        write(EX, name + ".json", clean(resource))
