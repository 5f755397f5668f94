"""OperationDefinitions of the program operations (issue 4 output contract). Each lists its parameters; the server
rejects names it does not declare. A part list stands for a parameter made of parts."""
from common import *

def p(name, use, mn, mx, type_=None, doc="", parts=None, search=None):
    j = {"name": name, "use": use, "min": mn, "max": str(mx)}
    if doc: j["documentation"] = doc
    if type_: j["type"] = type_
    if search: j["searchType"] = search
    if parts: j["part"] = parts
    return j

AS_OF = p("asOf", "in", 0, 1, "dateTime", "The instant to evaluate at (default: now). A date alone is that calendar day, read as its first instant in each program's own time zone (America/Chicago for Kansas Health Homes, America/Los_Angeles for CalAIM ECM).")
PROGRAM = p("program", "in", 0, 1, "code", "ks-hh | ecm (hh-program). Default: the member's active enrollment, else the latest.")
AT_RISK = p("atRiskDays", "in", 0, 1, "integer", "A pending rule instance due within this many days is at-risk (default 7, configuration CareManagement:AtRiskDays).")

def result_parts(name, doc):
    return p(name, "out", 0, "*", doc=doc, parts=[
        p("rule", "out", 1, "*", "code", "The rule ID(s) (docs/domain/README.md#index-of-rule-ids); two when two rules bound one deadline (the earlier due is reported)."),
        p("subject", "out", 1, 1, "Reference", "The member (Patient) or Organization the instance is about."),
        p("state", "out", 1, 1, "code", "met | met-late | missed | pending | at-risk | not-applicable"),
        p("start", "out", 0, 1, "dateTime", "When the clock started."),
        p("due", "out", 0, 1, "dateTime", "The due instant, in the program's time zone offset."),
        p("completed", "out", 0, 1, "dateTime", "When the end evidence happened (met, met-late)."),
        p("startEvidence", "out", 0, "*", "Reference", "The records that started the clock."),
        p("endEvidence", "out", 0, "*", "Reference", "The records that met the rule."),
        p("severity", "out", 1, 1, "code", "error (a must/within/will rule) | warning (recommended/should/targeted)."),
        p("daysRemaining", "out", 0, 1, "integer", "Calendar days in the program's zone from asOf's local date to the due date; negative when overdue."),
        p("explanation", "out", 0, 1, "string", "Why, in words.")])

def op(id_, code, title, desc, resources, system, type_, instance, params):
    o = header("OperationDefinition", id_, pascal(id_), title, desc)
    o.update({"kind": "operation", "affectsState": False, "code": code, "resource": resources,
              "system": system, "type": type_, "instance": instance, "parameter": params})
    return o

OPS = [
    op("hh-engagement-status", "engagement-status", "Engagement status of a member",
       "Where outreach to a member stands in one program enrollment (docs/domain/engagement.md#engagement-statuses), derived from the record as of asOf, with the records that decided it: the KanCare checklist that applies now and each step done or outstanding, the next recommended action and when it is due, attempt counts by modality, time-of-day bucket and weekday, ECM-OUT-2X, whether the member may be removed from the panel (KS-PANEL) and one-time outreach payment eligibility (KS-PAY). GET or POST on Patient/[id]; not enrolled in the program: 422. At type level (GET Patient/$engagement-status) for a whole panel: a searchset Bundle whose entries are each member's Parameters (with `member`), paged (_count, _offset, total, next/previous links) and ordered by the next action's due instant.",
       ["Patient"], False, True, True,
       [PROGRAM, AS_OF, AT_RISK,
        p("organization", "in", 0, 1, "string", "Type level: the panel of this Organization ('Organization/id'); default every enrolled member."),
        p("status", "in", 0, "*", "code", "Type level: only members in these statuses (repeat or comma-separate)."),
        p("_count", "in", 0, 1, "integer", "Type level: members per page (default 50, at most 1000)."),
        p("_offset", "in", 0, 1, "integer", "Type level: the first member of the page (0-based)."),
        p("_sort", "in", 0, 1, "string", "Type level: due (default: soonest next action first, nothing due last) or -due."),
        p("member", "out", 0, 1, "Reference", "Type level: the member each entry's Parameters is about."),
        p("program", "out", 1, 1, "code", "ks-hh | ecm"),
        p("enrollment", "out", 1, 1, "Reference", "The EpisodeOfCare evaluated."),
        p("asOf", "out", 1, 1, "dateTime", "The instant evaluated at."),
        p("status", "out", 1, 1, "code", "not-outreached | outreach-in-progress | contact-info-invalid | unable-to-reach | contacted-not-engaged | engaged | declined | disenrolled"),
        p("statusReason", "out", 1, 1, "string", "Why the record gives this status."),
        p("checklist", "out", 0, 1, "code", "checklist-1 .. checklist-4 (KanCare only), when one applies."),
        p("step", "out", 0, "*", doc="Each step of the checklist that applies.", parts=[
            p("code", "out", 1, 1, "code", "hh-checklist-step code."), p("done", "out", 1, 1, "boolean"),
            p("evidence", "out", 0, "*", "Reference", "The records that did the step."), p("rule", "out", 0, 1, "code", "KS-CL1 | KS-CL2 | KS-CL3-7D | KS-CL3-ALT | KS-CL4")]),
        p("nextAction", "out", 0, 1, doc="The next recommended action.", parts=[
            p("code", "out", 1, 1, "code"), p("due", "out", 0, 1, "dateTime"), p("rule", "out", 0, 1, "code"), p("explanation", "out", 1, 1, "string")]),
        p("attempts", "out", 1, 1, doc="Attempts made in the enrollment: total, and counts by modality, timeOfDay (early-morning, daytime, evening) and weekday.", parts=[
            p("total", "out", 1, 1, "integer"),
            p("modality", "out", 0, "*", parts=[p("code", "out", 1, 1, "code"), p("count", "out", 1, 1, "integer")]),
            p("timeOfDay", "out", 0, "*", parts=[p("code", "out", 1, 1, "code"), p("count", "out", 1, 1, "integer")]),
            p("weekday", "out", 0, "*", parts=[p("code", "out", 1, 1, "code"), p("count", "out", 1, 1, "integer")])]),
        result_parts("outreachTwice", "ECM only: the ECM-OUT-2X rule instance (two attempts within 30 days on different weekdays and at different times of day)."),
        p("panelRemovalAllowed", "out", 1, 1, "boolean", "KS-PANEL: a refusal or discharge record allows removal from the panel."),
        p("panelRemoval", "out", 1, 1, doc="KS-PANEL with its evidence.", parts=[p("rule", "out", 1, 1, "code"), p("allowed", "out", 1, 1, "boolean"), p("evidence", "out", 0, "*", "Reference")]),
        p("outreachPaymentEligible", "out", 1, 1, "boolean", "KS-PAY: no contact made and documented attempts exist (once per enrollment)."),
        p("outreachPayment", "out", 1, 1, doc="KS-PAY with its reason.", parts=[p("rule", "out", 1, 1, "code"), p("eligible", "out", 1, 1, "boolean"), p("reason", "out", 1, 1, "string")]),
        p("evidence", "out", 0, "*", "Reference", "The records that decided the status.")]),
    op("hh-deadline-compliance", "deadline-compliance", "Program deadline compliance",
       "Every rule instance (docs/domain/README.md#index-of-rule-ids) for a member (Patient/[id]), an enrollment's member in its program (EpisodeOfCare/[id]), an organization's panel and its own Health Home Partner milestones (Organization/[id]) or every enrolled member (system level): rule ID(s), clock-start evidence, due instant (calendar days, business days with the program's holidays, hours or months, in the program's time zone), end evidence and the state as of asOf (met, met-late, missed, pending, at-risk = pending and due within atRiskDays, not-applicable). Also as CSV (Accept: text/csv or _format=csv), one row per rule instance.",
       ["Patient", "EpisodeOfCare", "Organization"], True, False, True,
       [PROGRAM, AS_OF, AT_RISK,
        p("organization", "in", 0, 1, "string", "System level only: the members whose enrollment this Organization ('Organization/id') manages, and its own milestones."),
        p("rule", "in", 0, "*", "code", "Only these rule IDs (repeat or comma-separate)."),
        p("state", "in", 0, "*", "code", "Only instances in these states (repeat or comma-separate)."),
        p("dueFrom", "in", 0, 1, "dateTime", "Only instances due at or after this instant."),
        p("dueTo", "in", 0, 1, "dateTime", "Only instances due at or before this instant."),
        p("asOf", "out", 1, 1, "dateTime", "The instant evaluated at."),
        p("summary", "out", 0, "*", doc="EpisodeOfCare, Organization and system level: the number of rule instances per rule and state.", parts=[
            p("rule", "out", 1, "*", "code"), p("state", "out", 1, 1, "code"), p("count", "out", 1, 1, "integer")]),
        result_parts("result", "One per rule instance.")]),
]

def build():
    """Writes OPS and the OPS list of every operations_*.py module beside this file (one module per group of operations)."""
    import glob, importlib
    ops = list(OPS)
    for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "operations_*.py"))):
        ops += importlib.import_module(os.path.basename(path)[:-3]).OPS
    for o in ops:
        write(OUT, f"OperationDefinition-{o['id']}.json", o)
