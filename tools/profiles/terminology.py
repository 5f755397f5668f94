from common import *

# (id, name, title, description, concepts[(code, display, definition, extra)], extra_cs)
SYSTEMS = []

def cs(id_, name, title, desc, concepts, properties=None, hierarchy=False, vs_extra=None, vs_only=None):
    def norm(c):
        c = tuple(c) + ({},) * (4 - len(c))
        if c[3].get("concept"): c = c[:3] + ({**c[3], "concept": [norm(x) for x in c[3]["concept"]]},)
        return c
    concepts = [norm(c) for c in concepts]
    SYSTEMS.append(dict(id=id_, name=name, title=title, desc=desc, concepts=concepts,
                        properties=properties or [], hierarchy=hierarchy, vs_extra=vs_extra or [], vs_only=vs_only))

cs("hh-program", "Program", "Care management programs",
   "The two care-management programs served: KanCare SMI Health Homes and CalAIM Enhanced Care Management. Used in EpisodeOfCare.type.",
   [("ks-hh", "KanCare SMI Health Homes", "Kansas Medicaid (KanCare) Serious Mental Illness Health Homes: a Lead Entity (MCO) contracts Health Home Partners who deliver the six core services."),
    ("ecm", "CalAIM Enhanced Care Management", "California Medi-Cal (CalAIM) Enhanced Care Management as run by a managed care plan (e.g. Kern Health Systems) with contracted ECM Providers.")])

cs("hh-task-code", "TaskCode", "Care management task codes",
   "What a program Task records (Task.code).",
   [("outreach-attempt", "Outreach attempt", "One attempt to reach a member (phone, mail, in person...), documented with when, how, where and the outcome (KS-OUT-DOC, ECM-OUT-2X)."),
    ("checklist-step", "Outreach checklist step", "One step of a KanCare outreach checklist carried out (mailing sent, database checked...)."),
    ("referral", "Closed-loop referral", "A referral tracked to loop closure (Gravity SDOH Clinical Care Task for referral management style; ECM-CLR)."),
    ("ecm-eligibility-review", "ECM eligibility review", "A referral for ECM received by the plan (authoredOn = received; priority urgent/asap = expedited) and decided (status completed = authorized, rejected = denied; executionPeriod.end = decision); ECM-ELIG-5BD, ECM-ELIG-72H."),
    ("ecm-provider-change", "ECM provider or Lead Care Manager change request", "A member's request to change ECM Provider or Lead Care Manager (authoredOn = request; completed with executionPeriod.end when the new assignment is made); ECM-CHANGE-30D."),
    ("prior-ecm-notification", "Prior-plan ECM notification", "The plan's data feed showed ECM HCPCS codes from another plan in the prior 90 days (authoredOn = notification received); ECM-PRIOR-90.")])

cs("hh-notification-type", "NotificationType", "Program notifications",
   "Written notifications a program requires (Communication.category).",
   [("pcp-assignment-notification", "PCP notified of ECM assignment", "Written notice of the member's ECM assignment to the PCP and key providers (ECM-PCP-10BD)."),
    ("provider-assignment-notification", "ECM Provider notified of new assignment", "The ECM Provider received the member on its list of new assignments (ECM-NOTIFY-WEEKLY; starts ECM-OUT-30D and ECM-OUT-2X)."),
    ("provider-change-notification", "Provider notified of an ECM Provider change", "Written notice of a change of ECM Provider or Lead Care Manager to the former or new provider (ECM-CHANGE-30D).")])

cs("hh-task-parameter", "TaskParameterType", "Task input and output types",
   "Types of Task.input and Task.output used to slice the program Task profiles.",
   [("modality", "Modality", "How the attempt was made (hh-outreach-modality)."),
    ("contact-point-attempted", "Contact point attempted", "The phone number (ContactPoint) or address (Address) attempted (KS-OUT-DOC)."),
    ("checklist", "Outreach checklist", "The KanCare outreach checklist being worked (hh-outreach-checklist)."),
    ("checklist-step", "Checklist step", "The checklist step carried out (hh-checklist-step)."),
    ("interaction-category", "ECM interaction category", "The ECM interaction reporting category (ecm-interaction-category)."),
    ("outreach-outcome", "Outreach outcome", "What happened (hh-attempt-outcome)."),
    ("person-reached", "Person reached", "Reference to the Patient or RelatedPerson reached."),
    ("person-reached-name", "Name of the person reached", "Name of any individual contacted (KS-OUT-DOC)."),
    ("person-reached-contact", "Contact information of the person reached", "Contact information of any individual contacted (KS-OUT-DOC)."),
    ("callback-due", "Callback promised for", "The date/time the member agreed to be called back (KS-CL4)."),
    ("informed-of-rights", "Member informed of right to decline or change provider", "Flag for ECM-OUT-INFORM at the first successful contact.")])

cs("hh-outreach-checklist", "OutreachChecklist", "KanCare SMI Health Homes outreach checklists",
   "The four outreach and due-diligence checklists of the KanCare SMI Health Homes program.",
   [("checklist-1", "Incorrect/missing phone number", "The member's phone number on file is wrong or missing; steps are recommended at the time of the call (KS-CL1)."),
    ("checklist-2", "Cannot be located at listed address", "The member cannot be located at the listed address (KS-CL2)."),
    ("checklist-3", "Contact confirmed, cannot reach or leave message", "Correct number or valid address confirmed, but the member cannot be reached and no message can be left (KS-CL3-7D, KS-CL3-ALT)."),
    ("checklist-4", "Contacted, not engaged, not opted out", "Contact made with the member or guardian, who is not fully engaged and has not opted out (KS-CL4).")])

STEPS = [
 ("send-mailing", "Send mailing", "Send a mailing to the address on file.", ["checklist-1", "checklist-3"]),
 ("check-alternate-database", "Check alternate database/resource", "Check Lead Entity/MCO systems or DCF for updated contact information.", ["checklist-1", "checklist-2", "checklist-3"]),
 ("contact-pharmacy-or-provider", "Connect with most recent pharmacy or provider", "Leave a note for the beneficiary; check for a new address or phone.", ["checklist-1", "checklist-2", "checklist-3"]),
 ("early-or-late-call", "Early-morning or evening call", "Attempt another early-morning (before 09:00) or evening (from 17:00) call, if possible.", ["checklist-3"]),
 ("follow-up-call-7d", "Follow-up call within 7 days", "Follow up with another phone call within 7 days.", ["checklist-3"]),
 ("ask-send-information", "Ask permission to send or drop off information", "Ask permission to either send or drop off additional information.", ["checklist-4"]),
 ("ask-callback-timeframe", "Ask permission to call back at a stated time", "Ask permission to call back after the person reviewed the information; give a specific timeframe (1 or 2 weeks) and call back as stated.", ["checklist-4"]),
 ("ask-keep-informed", "Ask permission to keep the person informed", "Ask permission to keep the person informed about the Health Home program.", ["checklist-4"]),
 ("propose-trial-basis", "Propose remaining on a trial basis", "Propose that the person remains in the program on a trial basis.", ["checklist-4"]),
 ("propose-future-needs", "Propose remaining for future needs", "Propose that the person remains in the program to support their future needs.", ["checklist-4"]),
 ("high-risk-notify-provider", "High risk opting out: connect with medical provider", "If the beneficiary is high risk and insists on opting out, connect with the person's medical provider and share the benefits of the program.", ["checklist-4"]),
 ("refer-member-services", "Encourage contact with LE/MCO Member Services", "Encourage the member to contact Lead Entity/MCO Member Services for program information and PCP assignment confirmation.", ["checklist-4"]),
 ("opt-out-info-on-request", "Opt-out information only on request", "Opt-out information is provided only upon the member's request.", ["checklist-4"]),
]
cs("hh-checklist-step", "ChecklistStep", "KanCare outreach checklist steps",
   "The action steps of the KanCare SMI Health Homes outreach checklists; property 'checklist' names the checklists a step belongs to.",
   [(c, d, df, {"property": [{"code": "checklist", "valueCode": l} for l in ls]}) for c, d, df, ls in STEPS],
   properties=[{"code": "checklist", "uri": cs_url("hh-outreach-checklist"), "description": "A checklist (hh-outreach-checklist) this step belongs to.", "type": "code"}])

MODES = [
 ("phone", "Telephone", "PHONE"), ("text", "Text message", "SMSWRIT"), ("email", "Email", "EMAILWRIT"),
 ("mail", "Mail / letter", "MAILWRIT"), ("social-media", "Social media", "APPWRIT"), ("video", "Video / telehealth", "VIDEOCONF"),
 ("in-person-home", "In person where the member lives", "FACE"), ("in-person-community", "In person in the community / street outreach", "FACE"),
 ("in-person-provider-site", "In person at a provider site", "FACE"),
 ("pharmacy-or-provider-contact", "Via the member's pharmacy or provider", None),
 ("alternate-database-lookup", "Alternate database lookup", None)]
cs("hh-outreach-modality", "OutreachModality", "Outreach modality",
   "How an outreach attempt was made. Property 'participation-mode' gives the nearest code of http://terminology.hl7.org/CodeSystem/v3-ParticipationMode where one exists.",
   [(c, d, d + ".", {"property": [{"code": "participation-mode", "valueCode": m}]} if m else {}) for c, d, m in MODES],
   properties=[{"code": "participation-mode", "uri": "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "description": "Nearest v3 ParticipationMode code.", "type": "code"}])

OUTCOMES = [
 ("no-answer", "No answer", False), ("voicemail-left", "Voicemail left", False),
 ("unable-to-leave-message", "Unable to leave a message", False), ("wrong-number", "Wrong number", False),
 ("number-missing-or-disconnected", "Number missing or disconnected", False), ("address-not-found", "Not located at the listed address", False),
 ("mail-returned", "Mail returned", False), ("reached-member", "Reached the member", True),
 ("reached-guardian", "Reached the member's guardian", True), ("reached-other-person", "Reached another person", True),
 ("scheduled-callback", "Callback scheduled", False), ("agreed-to-engage", "Agreed to engage", False), ("declined", "Declined", False)]
cs("hh-attempt-outcome", "AttemptOutcome", "Outreach attempt outcome",
   "What an outreach attempt achieved. Property 'contact-made' is true when a person was reached (KS-OUT-DOC then requires the person's name and contact information).",
   [(c, d, d + ".", {"property": [{"code": "contact-made", "valueBoolean": r}]}) for c, d, r in OUTCOMES],
   properties=[{"code": "contact-made", "description": "A person was reached.", "type": "boolean"}])

cs("ecm-interaction-category", "EcmInteractionCategory", "ECM interaction categories",
   "The four categories of ECM interactions reported per member and period (KHS policy E.6.d.i).",
   [("ecm-in-person", "ECM In Person", "Enhanced Care Management interaction in person."),
    ("ecm-phone-telehealth", "ECM Phone/Telehealth", "Enhanced Care Management interaction by phone or telehealth."),
    ("ecm-outreach-in-person", "ECM Outreach In Person", "Outreach to a prospective ECM member, in person."),
    ("ecm-outreach-telephonic-electronic", "ECM Outreach Telephonic/Electronic", "Outreach to a prospective ECM member by phone or electronic means.")])

def pof(code, display, letter, children=()):
    return (code, display, f"{display} (KHS policy IV.A.2.{letter}).", {"concept": [ (c, d, f"{d} (KHS policy IV.A.2.{l}).", {}) for c, d, l in children ]} if children else {})
POFS = [
 pof("homeless", "Individuals experiencing homelessness", "a", [("homeless-adult-no-children", "Adults without dependent children/youth living with them experiencing homelessness", "a.i"), ("homeless-families-youth", "Homeless families or unaccompanied children/youth experiencing homelessness", "a.ii")]),
 pof("avoidable-utilization", "At risk for avoidable hospital or ED utilization", "b", [("avoidable-utilization-adult", "Adults at risk for avoidable hospital or ED utilization", "b.i"), ("avoidable-utilization-child", "Children and youth at risk for avoidable hospital or ED utilization", "b.ii")]),
 pof("smh-sud", "Serious mental health and/or SUD needs", "c", [("smh-sud-adult", "Adults with serious mental health and/or SUD needs", "c.i"), ("smh-sud-child", "Children and youth with serious mental health and/or SUD needs", "c.ii")]),
 pof("incarceration-transition", "Transitioning from incarceration", "d", [("incarceration-transition-adult", "Adults transitioning from incarceration", "d.i"), ("incarceration-transition-youth", "Children and youth transitioning from a youth correctional facility", "d.ii")]),
 pof("ltc-risk", "Adults living in the community and at risk for LTC institutionalization", "e"),
 pof("nf-transition", "Adult nursing facility residents transitioning to the community", "f"),
 pof("ccs-wcm", "Children and youth enrolled in CCS or CCS WCM with additional needs beyond the CCS condition", "g"),
 pof("child-welfare", "Children and youth involved in child welfare", "h"),
 pof("birth-equity", "Birth equity: pregnant or postpartum individuals subject to racial and ethnic disparities", "i")]
cs("ecm-population-of-focus", "EcmPopulationOfFocus", "ECM Populations of Focus",
   "CalAIM ECM Populations of Focus (KHS policy IV.A.2); adult/child sub-populations are children of their population.",
   POFS, hierarchy=True)

REASONS = [("a", "goals-met", "Member has met all care plan goals"), ("b", "lower-level-of-care", "Member is ready to transition to a lower level of care"),
 ("c", "member-no-longer-wishes", "Member no longer wishes to receive ECM"), ("d", "unable-to-connect", "Provider unable to connect with the member after multiple attempts"),
 ("e", "incarcerated", "Member is incarcerated"), ("f", "declined", "Member declined to participate"), ("g", "duplicative-program", "Member is in a duplicative program"),
 ("h", "lost-medi-cal", "Member lost Medi-Cal coverage"), ("i", "switched-plans", "Member switched health plans"), ("j", "moved-out-of-county", "Member moved out of the county"),
 ("k", "moved-out-of-country", "Member moved out of the country"), ("l", "unsafe-behavior-environment", "Unsafe behavior or environment"),
 ("m", "not-reauthorized", "Member not reauthorized for ECM"), ("n", "deceased", "Member is deceased"), ("o", "other", "Other")]
cs("ecm-disenrollment-reason", "EcmDisenrollmentReason", "ECM disenrollment reasons",
   "Why a member's ECM enrollment ended (KHS policy IV.F.2 a-o).",
   [(c, d, f"{d} (KHS policy IV.F.2.{l}).", {}) for l, c, d in REASONS])

HHP = [("center-for-independent-living", "Center for Independent Living", None), ("cddo", "Community Developmental Disability Organization", "251C00000X"),
 ("cmhc", "Community Mental Health Center", "261QM0801X"), ("community-service-provider-idd", "Community Service Provider (I/DD)", "251C00000X"),
 ("fqhc-safety-net", "FQHC / Primary Care Safety Net Clinic", "261QF0400X"), ("home-health-agency", "Home Health Agency", "251E00000X"),
 ("hospital-physician-group", "Hospital-based Physician Group", "193200000X"), ("local-health-department", "Local Health Department", "251K00000X"),
 ("physician-clinic", "Physician-based Clinic", "261Q00000X"), ("physician-practice", "Physician or Physician Practice", "207Q00000X"),
 ("rural-health-clinic", "Rural Health Clinic", "261QR1300X"), ("sud-provider", "Substance Use Disorder Provider", "324500000X")]
cs("hhp-provider-type", "HhpProviderType", "Health Home Partner provider types",
   "The 12 provider types that may be a KanCare SMI Health Home Partner (Provider Requirements, HHP 1). Property 'nucc-taxonomy' gives the nearest NUCC taxonomy code (http://nucc.org/provider-taxonomy).",
   [(c, d, d + ".", {"property": [{"code": "nucc-taxonomy", "valueCode": n}]} if n else {}) for c, d, n in HHP],
   properties=[{"code": "nucc-taxonomy", "uri": "http://nucc.org/provider-taxonomy", "description": "Nearest NUCC provider taxonomy code.", "type": "code"}])

cs("hh-core-service", "CoreService", "Health Home core services",
   "The six Health Home core services (42 U.S.C. 1396w-4), plus use of HIT to link services, which is used for reporting only.",
   [("comprehensive-care-management", "Comprehensive care management", "Identify high-risk members, assess needs, develop and reassess the Health Action Plan."),
    ("care-coordination", "Care coordination", "Implement the Health Action Plan through linkages, referrals, scheduling and follow-up."),
    ("health-promotion", "Health promotion", "Engagement, health literacy, self-management and relapse prevention."),
    ("comprehensive-transitional-care", "Comprehensive transitional care", "Transition and discharge planning and follow-up."),
    ("individual-family-support", "Individual and family support", "Supports for the member, family and authorized representatives."),
    ("referral-community-social-support", "Referral to community and social support services", "Identify and follow through on community and social supports."),
    ("use-of-hit", "Use of HIT to link services", "Use of health information technology to link services; reporting only.")],
   vs_only=["comprehensive-care-management", "care-coordination", "health-promotion", "comprehensive-transitional-care", "individual-family-support", "referral-community-social-support"])

ROLES = [("psychiatrist", "Psychiatrist", "Licensed to practice psychiatry in Kansas; Lead Entity or HHP."),
 ("nurse-care-coordinator", "Nurse care coordinator", "RN, APRN, BSN or LPN actively licensed in Kansas; Lead Entity or HHP."),
 ("physician", "Physician", "MD or DO actively licensed in Kansas; Lead Entity or HHP."),
 ("social-worker-care-coordinator", "Social worker / care coordinator", "BSW, BS/BA in a related field, MH TCM, I/DD TCM or SUD person-centered case manager; HHP only."),
 ("peer-support-specialist", "Peer support specialist", "Certified peer support specialist (mental illness); HHP only."),
 ("peer-mentor", "Peer mentor", "Certified peer mentor (SUD); HHP only."),
 ("recovery-advocate", "Recovery advocate", "Recovery advocate; HHP only."),
 ("lead-care-manager", "ECM Lead Care Manager", "The member's ECM Lead Care Manager at the ECM Provider (ECM-LCM).")]
cs("hh-care-team-role", "CareTeamRole", "Care team roles",
   "Care team roles of the KanCare SMI Health Homes services document and the ECM Lead Care Manager. Property 'entity' says who may fill the role.",
   [(c, d, df, {"property": [{"code": "entity", "valueCode": e} for e in (["lead-entity", "health-home-partner"] if c in ("psychiatrist", "nurse-care-coordinator", "physician") else (["ecm-provider"] if c == "lead-care-manager" else ["health-home-partner"]))]}) for c, d, df in ROLES],
   properties=[{"code": "entity", "uri": cs_url("hh-organization-role"), "description": "An organization role (hh-organization-role) whose staff may fill this role.", "type": "code"}])

cs("hh-referral-closure", "ReferralClosure", "Referral loop closure reasons",
   "Why a closed-loop referral ended (Task.statusReason; ECM-CLR).",
   [("completed", "Services received", "The receiving provider delivered the service."),
    ("member-unable-to-reach", "Member unable to reach", "The receiving provider could not reach the member."),
    ("member-declined", "Member declined", "The member declined the service."),
    ("provider-denied-eligibility", "Provider denied: eligibility", "The receiving provider denied the referral for eligibility."),
    ("provider-denied-capacity", "Provider denied: capacity", "The receiving provider denied the referral for lack of capacity."),
    ("reassigned", "Reassigned", "The referral was reassigned to another provider."),
    ("cancelled", "Cancelled", "The referral was cancelled.")])

cs("hh-organization-role", "OrganizationRole", "Program organization roles",
   "The role an Organization plays in the programs (Organization.type).",
   [("lead-entity", "Lead Entity (LE/MCO)", "KanCare managed care organization acting as Health Home Lead Entity."),
    ("managed-care-plan", "Medi-Cal managed care plan", "CalAIM managed care plan (e.g. Kern Health Systems) authorizing ECM."),
    ("health-home-partner", "Health Home Partner (HHP)", "Community provider contracted by a Lead Entity to deliver Health Home services."),
    ("ecm-provider", "ECM Provider", "Provider contracted by a managed care plan to deliver Enhanced Care Management."),
    ("specialty-mental-health-provider", "Specialty mental health provider", "County-contracted Specialty Mental Health Services (SMHS) provider serving members with serious mental illness (KHS policy D.5; ECM-ASSIGN-10BD step 3)."),
    ("sud-provider", "Substance use disorder provider", "Drug Medi-Cal (DMC) / DMC Organized Delivery System (DMC-ODS) substance use disorder provider (KHS policy D.5; ECM-ASSIGN-10BD step 3).")])

cs("hh-careplan-category", "CarePlanCategory", "Program care plan categories",
   "Care plan categories of the programs (CarePlan.category).",
   [("health-action-plan", "Health Action Plan", "KanCare Health Home Health Action Plan (HAP); KS-HAP-90."),
    ("ecm-care-plan", "ECM care management plan", "CalAIM ECM comprehensive care management plan.")])

cs("hh-consent-category", "ConsentCategory", "Program consent categories",
   "Categories of program Consent records (Consent.category).",
   [("program-participation", "Program participation", "Consent to, or refusal of, participation in a care-management program (KS-PANEL).")])

cs("hh-hit-milestone", "HitMilestone", "Health Home Partner HIT milestones",
   "The dated HIT attestations of a Health Home Partner (KS-HHP-EHR-PLAN, KS-HHP-EHR, KS-HHP-HIE).",
   [("ehr-plan", "EHR plan submitted", "A plan to implement an EHR (due within 90 days of contracting)."),
    ("ehr-in-use", "EHR fully implemented", "A full EHR in use (due within 12 months)."),
    ("hie-connected", "Connected to a certified HIE", "Connection to a certified state HIE, KHIN or LACIE (due within 18 months).")])

cs("hh-qualification", "Qualification", "Care team qualifications",
   "Local qualification codes for KanCare Health Home staff where HL7 v2 table 0360 has none; the hh-qualification ValueSet adds the 0360 degrees.",
   [("LPN", "Licensed Practical Nurse", "Licensed practical nurse actively licensed in Kansas."),
    ("APRN", "Advanced Practice Registered Nurse", "Advanced practice registered nurse actively licensed in Kansas."),
    ("BSW", "Bachelor of Social Work (licensed)", "Licensed Bachelor of Social Work in Kansas."),
    ("mh-tcm", "Mental health targeted case manager", "Mental health targeted case manager."),
    ("idd-tcm", "I/DD targeted case manager", "Intellectual/developmental disability targeted case manager."),
    ("sud-pcm", "SUD person-centered case manager", "Substance use disorder person-centered case manager."),
    ("cert-peer-support", "Certified peer support specialist", "Certified peer support specialist (mental illness)."),
    ("cert-peer-mentor", "Certified peer mentor", "Certified peer mentor (SUD)."),
    ("cert-recovery-advocate", "Recovery advocate", "Recovery advocate meeting KDADS requirements."),
    ("ks-psychiatry-license", "Licensed to practice psychiatry in Kansas", "Licensed to practice psychiatry in Kansas.")],
   vs_extra=[{"system": "http://terminology.hl7.org/CodeSystem/v2-0360", "concept": [{"code": c, "display": d} for c, d in [("RN", "Registered Nurse"), ("BSN", "Bachelor of Science in Nursing"), ("NP", "Nurse Practitioner"), ("MD", "Doctor of Medicine"), ("DO", "Doctor of Osteopathy"), ("BA", "Bachelor of Arts"), ("BS", "Bachelor of Science")]]}])

def concept_json(c):
    code, display, definition, extra = c
    j = {"code": code, "display": display, "definition": definition}
    if extra.get("property"): j["property"] = extra["property"]
    if extra.get("concept"): j["concept"] = [concept_json(x) for x in extra["concept"]]
    return j

def count(cs_):
    return sum(1 + count(c[3].get("concept", [])) for c in cs_)

def build():
    for s in SYSTEMS:
        c = header("CodeSystem", s["id"], s["name"], s["title"], s["desc"])
        c["caseSensitive"] = True
        c["valueSet"] = vs_url(s["id"])
        if s["hierarchy"]: c["hierarchyMeaning"] = "is-a"
        c["content"] = "complete"
        c["count"] = count(s["concepts"])
        if s["properties"]: c["property"] = s["properties"]
        c["concept"] = [concept_json(x) for x in s["concepts"]]
        write(OUT, f"CodeSystem-{s['id']}.json", c)
        v = header("ValueSet", s["id"], s["name"], s["title"], s["desc"])
        include = {"system": cs_url(s["id"])}
        if s["vs_only"]: include["concept"] = [{"code": x} for x in s["vs_only"]]
        v["compose"] = {"include": [include] + s["vs_extra"]}
        write(OUT, f"ValueSet-{s['id']}.json", v)
    # HL7 status codes restricted as in Gravity's SDOHCC ValueSet Referral Task Status
    v = header("ValueSet", "hh-referral-task-status", "ReferralTaskStatus", "Referral Task status",
               "FHIR Task status codes allowed for a closed-loop referral: all but 'ready' and 'received', as in HL7 Gravity SDOH Clinical Care's Referral Task Status value set.")
    v["compose"] = {"include": [{"system": "http://hl7.org/fhir/task-status", "concept": [{"code": x} for x in
        ["draft", "requested", "accepted", "rejected", "cancelled", "in-progress", "on-hold", "failed", "completed", "entered-in-error"]]}]}
    write(OUT, "ValueSet-hh-referral-task-status.json", v)
