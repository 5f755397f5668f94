from structures import *

PROFILES = []
def profile(*a, **k):
    PROFILES.append(structure(*a, **k))

def q(name):  # task parameter filter
    return f"type.coding.exists(system = '{P}' and code = '{name}')"

OUTCOME_CS = cs_url("hh-attempt-outcome")
REACHED = f"output.where({q('outreach-outcome')}).value.ofType(CodeableConcept).coding.exists(system = '{OUTCOME_CS}' and (code = 'reached-member' or code = 'reached-guardian' or code = 'reached-other-person'))"
KANCARE_ID = f"{B}/sid/kancare-id"
MEDI_CAL_CIN = f"{B}/sid/medi-cal-cin"

profile("hh-member", "Member", "Program member", "Patient",
  "A member of KS-HH or ECM: Medicaid ID (KanCare ID or Medi-Cal CIN) with its system, name, birth date and contact points (with validity periods, to tell current from old numbers and addresses).",
  [el("Patient", constraint=[inv("hh-mem-1", "A member carries a Medicaid ID: a KanCare ID (" + KANCARE_ID + ") or a Medi-Cal CIN (" + MEDI_CAL_CIN + ").",
        f"identifier.exists((system = '{KANCARE_ID}' or system = '{MEDI_CAL_CIN}') and value.exists())")]),
   el("Patient.identifier", min=1, mustSupport=True),
   el("Patient.identifier.system", min=1, mustSupport=True),
   el("Patient.identifier.value", min=1, mustSupport=True),
   el("Patient.name", min=1, mustSupport=True),
   el("Patient.telecom", mustSupport=True),
   el("Patient.telecom.period", mustSupport=True),
   el("Patient.birthDate", min=1, mustSupport=True),
   el("Patient.address", mustSupport=True),
   el("Patient.address.period", mustSupport=True),
   el("Patient.contact", short="Guardian or caregiver (a RelatedPerson may also be used)", mustSupport=True)])

profile("hh-program-enrollment", "ProgramEnrollment", "Program enrollment", "EpisodeOfCare",
  "A member's enrollment in KS-HH or ECM: program (type), the HHP or ECM Provider managing it, the Lead Entity or plan, period, authorization period, populations of focus and the disenrollment reason.",
  [el("EpisodeOfCare", constraint=[
      inv("hh-enr-1", "An ECM enrollment names at least one population of focus.", f"type.coding.exists(code = 'ecm') implies extension('{X_POF}').exists()", "warning"),
      inv("hh-enr-2", "A disenrollment reason is recorded only on an enrollment that ended (status finished or cancelled).", f"extension('{X_DISENROLL}').exists() implies (status = 'finished' or status = 'cancelled')")]),
   ext_slice("EpisodeOfCare", "responsiblePlan", X_LE, 1, "1"),
   ext_slice("EpisodeOfCare", "authorizationPeriod", X_AUTH),
   ext_slice("EpisodeOfCare", "populationOfFocus", X_POF, 0, "*"),
   ext_slice("EpisodeOfCare", "disenrollmentReason", X_DISENROLL),
   el("EpisodeOfCare.status", mustSupport=True),
   el("EpisodeOfCare.type", short="Program: ks-hh or ecm", min=1, max="1", mustSupport=True, binding=bind("required", "hh-program")),
   el("EpisodeOfCare.patient", type=ref("hh-member"), mustSupport=True),
   el("EpisodeOfCare.managingOrganization", short="HHP or ECM Provider (assignment)", min=1, type=ref("hh-health-home-partner", "hh-ecm-provider"), mustSupport=True),
   el("EpisodeOfCare.period", min=1, mustSupport=True),
   el("EpisodeOfCare.period.start", short="Enrollment start (KS-HAP-90 clock start)", min=1, mustSupport=True),
   el("EpisodeOfCare.referralRequest", mustSupport=True),
   el("EpisodeOfCare.careManager", short="Lead Care Manager", mustSupport=True),
   el("EpisodeOfCare.team", type=ref("hh-care-team"), mustSupport=True)])

profile("hh-health-action-plan", "HealthActionPlan", "Health Action Plan", "CarePlan",
  "The KanCare Health Action Plan (HAP) or ECM care plan: category, member, period, author, care team, activities coded by the six core services and the completion date.",
  [el("CarePlan", constraint=[inv("hh-hap-1", "An active or completed Health Action Plan records its completion date (KS-HAP-90; else 'created' is used).",
        f"(status = 'active' or status = 'completed') implies extension('{X_COMPLETED}').exists()", "warning")]),
   ext_slice("CarePlan", "completionDate", X_COMPLETED),
   ext_slice("CarePlan", "enrollment", X_ENROLLMENT),
   el("CarePlan.status", mustSupport=True),
   *coded_slice("CarePlan.category", "healthActionPlan", cs_url("hh-careplan-category"), "health-action-plan"),
   el("CarePlan.subject", type=ref("hh-member"), mustSupport=True),
   el("CarePlan.period", min=1, mustSupport=True),
   el("CarePlan.period.start", min=1, mustSupport=True),
   el("CarePlan.created", mustSupport=True),
   el("CarePlan.author", min=1, mustSupport=True),
   el("CarePlan.careTeam", min=1, type=ref("hh-care-team"), mustSupport=True),
   el("CarePlan.activity", mustSupport=True),
   el("CarePlan.activity.detail.code", short="Core service", min=1, mustSupport=True, binding=bind("required", "hh-core-service"))])

profile("hh-care-team", "ProgramCareTeam", "Program care team", "CareTeam",
  "The member's care team: participants with a program role (incl. the ECM Lead Care Manager and the KanCare roles), each acting for the Lead Entity, the HHP or the ECM Provider.",
  [ext_slice("CareTeam", "enrollment", X_ENROLLMENT),
   el("CareTeam.status", mustSupport=True),
   el("CareTeam.subject", min=1, type=ref("hh-member"), mustSupport=True),
   el("CareTeam.period", mustSupport=True),
   el("CareTeam.participant", min=1, mustSupport=True),
   el("CareTeam.participant.role", min=1, max="1", mustSupport=True, binding=bind("extensible", "hh-care-team-role")),
   el("CareTeam.participant.member", min=1, mustSupport=True),
   el("CareTeam.participant.onBehalfOf", short="Lead Entity, HHP or ECM Provider", type=ref("hh-lead-entity", "hh-health-home-partner", "hh-ecm-provider"), mustSupport=True),
   el("CareTeam.participant.period", mustSupport=True)])

profile("hh-outreach-attempt", "OutreachAttempt", "Outreach attempt", "Task",
  "One outreach attempt (docs/domain/fhir-mapping.md#outreach-attempts): for the member, when (date and time with offset), modality, the phone number or address attempted, checklist and step, outcome, and the person reached with name and contact information (KS-OUT-DOC).",
  [el("Task", constraint=[
      inv("hh-out-doc-1", "KS-OUT-DOC: an outreach attempt records the phone number or address attempted (Task.input contact-point-attempted with a ContactPoint value or an Address).",
          f"input.where({q('contact-point-attempted')}).exists(value.ofType(ContactPoint).value.exists() or value.ofType(Address).exists())"),
      inv("hh-out-doc-2", "KS-OUT-DOC: an outreach attempt records its date and time (Task.executionPeriod.start with a time of day, not a date only).",
          "executionPeriod.start.exists() and executionPeriod.start.toString().length() > 10"),
      inv("hh-out-doc-3", "KS-OUT-DOC: when a person was reached (outcome reached-member, reached-guardian or reached-other-person), the attempt records that person's name (Task.output person-reached-name).",
          f"{REACHED} implies output.where({q('person-reached-name')}).exists(value.ofType(HumanName).exists())"),
      inv("hh-out-doc-4", "KS-OUT-DOC: when a person was reached (outcome reached-member, reached-guardian or reached-other-person), the attempt records that person's contact information (Task.output person-reached-contact).",
          f"{REACHED} implies output.where({q('person-reached-contact')}).exists(value.ofType(ContactPoint).value.exists())")]),
   ext_slice("Task", "enrollment", X_ENROLLMENT),
   el("Task.status", short="completed when the attempt was made", mustSupport=True),
   el("Task.code", min=1, patternCodeableConcept=cc(cs_url("hh-task-code"), "outreach-attempt"), mustSupport=True),
   task_for(),
   el("Task.executionPeriod", min=1, mustSupport=True),
   el("Task.executionPeriod.start", short="When the attempt was made: date, time and offset", min=1, mustSupport=True),
   el("Task.owner", short="Who made the attempt", mustSupport=True),
   *params("Task", "input", [
     ("modality", "modality", 1, "1", [{"code": "CodeableConcept"}], bind("required", "hh-outreach-modality"), "How the attempt was made"),
     ("contactPointAttempted", "contact-point-attempted", 0, "*", [{"code": "ContactPoint"}, {"code": "Address"}], None, "Phone number or address attempted"),
     ("checklist", "checklist", 0, "1", [{"code": "CodeableConcept"}], bind("required", "hh-outreach-checklist"), "Checklist being worked"),
     ("checklistStep", "checklist-step", 0, "*", [{"code": "CodeableConcept"}], bind("required", "hh-checklist-step"), "Checklist step this attempt carries out"),
     ("interactionCategory", "interaction-category", 0, "1", [{"code": "CodeableConcept"}], bind("required", "ecm-interaction-category"), "ECM interaction category")]),
   *params("Task", "output", [
     ("outcome", "outreach-outcome", 1, "1", [{"code": "CodeableConcept"}], bind("required", "hh-attempt-outcome"), "Outcome of the attempt"),
     ("personReached", "person-reached", 0, "1", ref("hh-member", "RelatedPerson"), None, "The Patient or RelatedPerson reached"),
     ("personReachedName", "person-reached-name", 0, "1", [{"code": "HumanName"}], None, "Name of the person reached"),
     ("personReachedContact", "person-reached-contact", 0, "*", [{"code": "ContactPoint"}], None, "Contact information of the person reached"),
     ("callbackDue", "callback-due", 0, "1", [{"code": "dateTime"}], None, "Callback promised for (KS-CL4)"),
     ("informedOfRights", "informed-of-rights", 0, "1", [{"code": "boolean"}], None, "Member told they may decline or change provider (ECM-OUT-INFORM)")])])

profile("hh-checklist-step", "ChecklistStepRecord", "Checklist step record", "Task",
  "A KanCare outreach checklist step carried out (mailing sent, alternate database checked, pharmacy or provider contacted...), for the member, with the step code, when it was done and the attempt it follows.",
  [ext_slice("Task", "enrollment", X_ENROLLMENT),
   el("Task.partOf", short="The outreach attempt this step follows", type=ref("hh-outreach-attempt"), mustSupport=True),
   el("Task.status", short="completed when the step was done", mustSupport=True),
   el("Task.code", min=1, patternCodeableConcept=cc(cs_url("hh-task-code"), "checklist-step"), mustSupport=True),
   task_for(),
   el("Task.executionPeriod", min=1, mustSupport=True),
   el("Task.executionPeriod.start", min=1, mustSupport=True),
   *params("Task", "input", [
     ("checklistStep", "checklist-step", 1, "1", [{"code": "CodeableConcept"}], bind("required", "hh-checklist-step"), "The step carried out"),
     ("checklist", "checklist", 0, "1", [{"code": "CodeableConcept"}], bind("required", "hh-outreach-checklist"), "The checklist worked")])])

profile("hh-referral-request", "ReferralRequest", "Referral request", "ServiceRequest",
  "The ServiceRequest of a closed-loop referral (HL7 Gravity SDOH Clinical Care style): what is requested for the member, by whom, when.",
  [el("ServiceRequest.status", mustSupport=True),
   el("ServiceRequest.intent", mustSupport=True),
   el("ServiceRequest.category", mustSupport=True),
   el("ServiceRequest.code", min=1, mustSupport=True),
   el("ServiceRequest.subject", type=ref("hh-member"), mustSupport=True),
   el("ServiceRequest.occurrence[x]", mustSupport=True),
   el("ServiceRequest.authoredOn", short="Referral received (ECM-ELIG-5BD clock start)", min=1, mustSupport=True),
   el("ServiceRequest.requester", min=1, mustSupport=True),
   el("ServiceRequest.performer", mustSupport=True)])

CLOSURE = cs_url("hh-referral-closure")
profile("hh-referral-task", "ReferralTask", "Closed-loop referral", "Task",
  "The Task tracking a referral to loop closure (HL7 Gravity SDOH Clinical Care Task for referral management style): focus = the ServiceRequest, owner = receiving provider, status, businessStatus (CalAIM referral status), statusReason = loop closure reason.",
  [el("Task", constraint=[
      inv("hh-ref-1", "ECM-CLR: a closed referral (status completed, failed, rejected or cancelled) records the loop closure reason in Task.statusReason (hh-referral-closure).",
          f"(status = 'completed' or status = 'failed' or status = 'rejected' or status = 'cancelled') implies statusReason.coding.exists(system = '{CLOSURE}')"),
      inv("hh-ref-2", "A referral the receiving provider has taken up (accepted, in-progress, on-hold, completed, failed) names that provider in Task.owner.",
          "(status = 'accepted' or status = 'in-progress' or status = 'on-hold' or status = 'completed' or status = 'failed') implies owner.exists()")]),
   ext_slice("Task", "enrollment", X_ENROLLMENT),
   el("Task.status", mustSupport=True, binding=bind("required", "hh-referral-task-status")),
   el("Task.statusReason", short="Loop closure reason", mustSupport=True, binding=bind("extensible", "hh-referral-closure")),
   el("Task.businessStatus", short="CalAIM referral status (free, as in Gravity)", mustSupport=True),
   el("Task.intent", fixedCode="order"),
   el("Task.code", min=1, patternCodeableConcept=cc(cs_url("hh-task-code"), "referral"), mustSupport=True),
   el("Task.focus", min=1, type=ref("hh-referral-request"), mustSupport=True),
   task_for(),
   el("Task.authoredOn", min=1, mustSupport=True),
   el("Task.lastModified", short="Date of referral status update", mustSupport=True),
   el("Task.requester", min=1, mustSupport=True),
   el("Task.owner", short="Receiving provider", mustSupport=True)])

profile("hh-outreach-communication", "OutreachCommunication", "Outreach communication", "Communication",
  "A message actually sent or delivered during outreach (letter, text, voicemail, PCP notice), part of the outreach attempt Task.",
  [el("Communication.partOf", min=1, type=ref("hh-outreach-attempt"), mustSupport=True),
   el("Communication.status", mustSupport=True),
   el("Communication.category", short="ECM interaction category", mustSupport=True, binding=bind("extensible", "ecm-interaction-category")),
   el("Communication.medium", mustSupport=True),
   el("Communication.subject", min=1, type=ref("hh-member"), mustSupport=True),
   el("Communication.sent", min=1, mustSupport=True),
   el("Communication.recipient", mustSupport=True),
   el("Communication.sender", mustSupport=True)])

profile("hh-opt-out", "ProgramOptOut", "Program opt-out or refusal", "Consent",
  "A member's refusal of, or opt-out from, the program (KS-PANEL): category program participation, provision type deny, the date and the signed form.",
  [ext_slice("Consent", "enrollment", X_ENROLLMENT),
   el("Consent.status", mustSupport=True),
   *coded_slice("Consent.category", "programParticipation", cs_url("hh-consent-category"), "program-participation"),
   el("Consent.patient", min=1, type=ref("hh-member"), mustSupport=True),
   el("Consent.dateTime", min=1, mustSupport=True),
   el("Consent.source[x]", short="The signed refusal form", mustSupport=True),
   el("Consent.provision", min=1, mustSupport=True),
   el("Consent.provision.type", min=1, fixedCode="deny", mustSupport=True)])

ROLE = cs_url("hh-organization-role")
profile("hh-lead-entity", "LeadEntity", "Lead Entity or managed care plan", "Organization",
  "A KanCare Lead Entity (MCO) or a Medi-Cal managed care plan.",
  [el("Organization", constraint=[inv("hh-org-1", "A Lead Entity or plan is typed lead-entity or managed-care-plan (hh-organization-role).",
        f"type.coding.exists(system = '{ROLE}' and (code = 'lead-entity' or code = 'managed-care-plan'))")]),
   el("Organization.identifier", mustSupport=True),
   el("Organization.type", min=1, mustSupport=True),
   el("Organization.name", min=1, mustSupport=True),
   el("Organization.telecom", mustSupport=True)])

profile("hh-health-home-partner", "HealthHomePartner", "Health Home Partner", "Organization",
  "A KanCare Health Home Partner: role, provider type (one of 12), contract period and HIT attestations.",
  [ext_slice("Organization", "providerType", X_HHP_TYPE, 1, "1"),
   ext_slice("Organization", "contractPeriod", X_CONTRACT),
   ext_slice("Organization", "hitAttestation", X_HIT, 0, "*"),
   el("Organization.identifier", mustSupport=True),
   *coded_slice("Organization.type", "role", ROLE, "health-home-partner"),
   el("Organization.name", min=1, mustSupport=True),
   el("Organization.partOf", mustSupport=True)])

profile("hh-ecm-provider", "EcmProvider", "ECM Provider", "Organization",
  "A CalAIM ECM Provider contracted by a managed care plan.",
  [ext_slice("Organization", "contractPeriod", X_CONTRACT),
   el("Organization.identifier", mustSupport=True),
   *coded_slice("Organization.type", "role", ROLE, "ecm-provider"),
   el("Organization.name", min=1, mustSupport=True),
   el("Organization.telecom", mustSupport=True)])

profile("hh-staff-role", "StaffRole", "Program staff role", "PractitionerRole",
  "A staff member's program role (care-team role code) at an organization, with qualifications.",
  [ext_slice("PractitionerRole", "qualification", X_QUAL, 0, "*"),
   el("PractitionerRole.active", mustSupport=True),
   el("PractitionerRole.period", mustSupport=True),
   el("PractitionerRole.practitioner", min=1, mustSupport=True),
   el("PractitionerRole.organization", min=1, type=ref("hh-lead-entity", "hh-health-home-partner", "hh-ecm-provider"), mustSupport=True),
   el("PractitionerRole.code", min=1, mustSupport=True, binding=bind("extensible", "hh-care-team-role")),
   el("PractitionerRole.telecom", mustSupport=True)])

SEARCH = [
  ("hh-program", "program", "EpisodeOfCare", "Program of the enrollment (hh-program)", "EpisodeOfCare.type"),
  ("hh-population-of-focus", "population-of-focus", "EpisodeOfCare", "ECM population of focus", f"EpisodeOfCare.extension('{X_POF}').value"),
  ("hh-modality", "modality", "Task", "Outreach attempt modality", f"Task.input.where({q('modality')}).value"),
  ("hh-outcome", "outcome", "Task", "Outreach attempt outcome", f"Task.output.where({q('outreach-outcome')}).value"),
  ("hh-checklist", "checklist", "Task", "Outreach checklist", f"Task.input.where({q('checklist')}).value"),
  ("hh-checklist-step", "checklist-step", "Task", "Outreach checklist step", f"Task.input.where({q('checklist-step')}).value"),
]

def build():
    for p in PROFILES + EXTENSIONS:
        write(OUT, f"StructureDefinition-{p['id']}.json", p)
    for id_, code, base, desc, expr in SEARCH:
        sp = header("SearchParameter", id_, pascal(id_), None, desc + ".")
        del sp["title"]
        sp.update({"code": code, "base": [base], "type": "token", "expression": expr, "xpathUsage": "normal",
                   "multipleOr": True, "multipleAnd": True, "modifier": ["missing", "not"]})
        write(OUT, f"SearchParameter-{id_}.json", sp)
