"""OperationDefinitions of the ECM operations: $assign-ecm-provider (ECM-ASSIGN-10BD) and $ecm-interaction-report
(KHS policy E.6.d.i). Collected by operations.build()."""
from operations import p, op, AS_OF

CATEGORIES = "ecm-in-person | ecm-phone-telehealth | ecm-outreach-in-person | ecm-outreach-telephonic-electronic"
PERIOD = [
    p("periodStart", "in", 1, 1, "date", "First day of the reporting period (inclusive, local date in America/Los_Angeles)."),
    p("periodEnd", "in", 1, 1, "date", "Last day of the reporting period (inclusive); not before periodStart."),
]

ASSIGN = op("hh-assign-ecm-provider", "assign-ecm-provider", "Assign an ECM Provider (ECM-ASSIGN-10BD)",
    "Assigns an ECM-authorized member to an ECM Provider (ECM-ASSIGN-10BD, docs/domain/ecm.md#ecm-assign-10bd; KHS policy D.1-D.6). Steps, in order, the first "
    "finding a contracted ECM Provider (hh-organization-role ecm-provider, active, hh-contract-period covering the assignment date) wins: "
    "member-preference (preferredProvider), pcp-is-ecm-provider (Patient.generalPractitioner: an Organization or a PractitionerRole's organization), "
    "specialty-mh-sud-provider (a specialty mental health / SUD Organization on the member's CareTeams or serviceProvider of a finished Encounter in the last 12 months), "
    "plan-default (configuration CareManagement:DefaultEcmProvider). Unless dryRun, one transaction writes the EpisodeOfCare update "
    "(managingOrganization, period.start when missing, team; at the version read: a concurrent change is 412), a CareTeam with the Lead Care Manager slot (ECM-LCM) "
    "and the provider (ECM-NOTIFY-WEEKLY) and PCP (ECM-PCP-10BD) notifications as Communications in preparation: those rules are met once they are sent. "
    "POST (GET only with dryRun=true). No open ECM enrollment, no authorization covering the date or no eligible provider: 422; already assigned to an ECM Provider: 409 (a change follows ECM-CHANGE-30D); nothing is written.",
    ["Patient"], False, False, True,
    [p("preferredProvider", "in", 0, 1, "Reference", "The ECM Provider the member asked for, as Organization/[id] (valueReference or valueString). Anything else: 400."),
     p("dryRun", "in", 0, 1, "boolean", "true: decide and show what would be written, write nothing (default false; required true with GET)."),
     AS_OF,
     p("rule", "out", 1, 1, "code", "ECM-ASSIGN-10BD"),
     p("asOf", "out", 1, 1, "dateTime", "The instant the assignment was decided at."),
     p("dryRun", "out", 1, 1, "boolean", "Whether nothing was written."),
     p("enrollment", "out", 1, 1, "Reference", "The ECM EpisodeOfCare assigned."),
     p("chosenProvider", "out", 1, 1, "Reference", "The ECM Provider (Organization) chosen."),
     p("step", "out", 1, 1, "code", "The step that chose: member-preference | pcp-is-ecm-provider | specialty-mh-sud-provider | plan-default"),
     p("considered", "out", 4, 4, doc="Each step, in order, with what it looked at and why it did or did not choose.", parts=[
         p("step", "out", 1, 1, "code"), p("chosen", "out", 1, 1, "boolean"),
         p("candidate", "out", 0, 1, "Reference", "The Organization the step looked at (the first, when it looked at several)."),
         p("explanation", "out", 1, 1, "string")]),
     p("assignmentDate", "out", 1, 1, "date", "The local date (America/Los_Angeles) of asOf: the CareTeam period start, and the enrollment start when it had none."),
     p("pcpNotification", "out", 1, 1, doc="The PCP notification (ECM-PCP-10BD), or why there is none.", parts=[
         p("recipient", "out", 0, 1, "Reference", "The PCP notified (Patient.generalPractitioner as written)."),
         p("explanation", "out", 1, 1, "string")]),
     p("written", "out", 0, "*", "Reference", "Not a dry run: each resource written (the CareTeam, the Communications, the EpisodeOfCare)."),
     p("wouldWrite", "out", 0, "*", "Resource", "Dry run: each resource that would be written (creates without id).")])
ASSIGN["affectsState"] = True

REPORT = op("hh-ecm-interaction-report", "ecm-interaction-report", "ECM interactions per member (KHS policy E.6.d.i)",
    "The number of ECM interactions each member received during a reporting period, in the four ecm-interaction-category categories ("
    + CATEGORIES + "): completed outreach attempts (by interaction-category input, else modality), completed sent Communications with an "
    "interaction category (not the message of an attempt), finished Encounters of the ECM enrollment (AMB/HH/FLD in person, VR telehealth). "
    "On Organization/[id]: the ECM Provider's members; at system level: all ECM members, or one organization's. A member is reported when one of "
    "its ECM enrollments (of the organization, when given) overlaps the period. Output: a summary MeasureReport of Measure ecm-interactions "
    "(one group per category with the total, stratifier member with one stratum per member), or with Accept: text/csv or _format=csv one CSV row per member: "
    "member, mediCalCin, ecmProvider and the four counts. Unknown organization: 404.",
    ["Organization"], True, False, True,
    PERIOD + [AS_OF,
     p("organization", "in", 0, 1, "Reference", "System level only: only this organization's members (Organization/[id])."),
     p("return", "out", 1, 1, "MeasureReport", "status complete, type summary, measure Measure/ecm-interactions, date asOf, period, reporter the Organization (instance level).")])

OPS = [ASSIGN, REPORT]
