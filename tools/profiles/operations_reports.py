"""OperationDefinitions of the panel report operations: $outreach-documentation-audit (KS-OUT-DOC) and $referral-metrics
(ECM-CLR). Both run at an Organization instance and at system level (the audit also on a Patient), GET or POST, and
answer Parameters or, with Accept: text/csv or _format=csv, CSV."""
from operations import p, op

PERIOD = [
    p("periodStart", "in", 1, 1, "date", "First day of the reporting period (inclusive, local date in the program's time zone). Required."),
    p("periodEnd", "in", 1, 1, "date", "Last day of the reporting period (inclusive). Required; not before periodStart."),
]
PERIOD_OUT = [
    p("rule", "out", 1, 1, "code", "The rule ID the report is about (docs/domain/README.md#index-of-rule-ids)."),
    p("periodStart", "out", 1, 1, "date", "The period's first day, as asked."),
    p("periodEnd", "out", 1, 1, "date", "The period's last day, as asked."),
]
COUNT = lambda name, doc: p(name, "out", 1, 1, "integer", doc)

OPS = [
    op("hh-outreach-documentation-audit", "outreach-documentation-audit", "Outreach documentation audit (KS-OUT-DOC)",
       "KS-OUT-DOC (KanCare: attempted address, phone number, date and time should be in each note; any individual contacted should have name and contact info listed). Audits the outreach attempts made (Task code outreach-attempt, status completed) in the period, dated by executionPeriod.start in the program's time zone (else authoredOn, else when stored): missing-contact-point, missing-date, missing-time, and when a person was reached missing-person-name and missing-person-contact. Each finding is a warning (a 'should', docs/domain/README.md#errors-and-warnings). Counts per organization: the managingOrganization of the enrollment (EpisodeOfCare) the attempt belongs to, 'unassigned' when none. On Patient/[id]: that member's attempts. On Organization/[id] (a Health Home Partner or ECM Provider): its panel, i.e. members with an enrollment it manages, and only the attempts of its enrollments; unknown Organization: 404. At the base: every panel (members with an enrollment), or one organization's. CSV (Accept: text/csv or _format=csv): one row per finding with organization, member, attempt, code, expression, message.",
       ["Patient", "Organization"], True, False, True,
       PERIOD + [
        p("program", "in", 0, 1, "code", "ks-hh | ecm (hh-program): only attempts of that program's enrollments. Default: all."),
        p("asOf", "in", 0, 1, "dateTime", "The instant the audit is run for (default: now): attempts dated after asOf's date (in its offset) are not audited; a period starting after it is a 400."),
        p("organization", "in", 0, 1, "string", "System level only: one organization's panel (Organization/[id] or id)."),
       ] + PERIOD_OUT + [
        p("organization", "out", 0, "*", doc="One per organization with audited attempts (on Organization/[id], that organization, zeros included).", parts=[
            p("organization", "out", 1, 1, "Reference", "The Organization, or the string 'unassigned' (valueString)."),
            COUNT("attemptsAudited", "Outreach attempts audited in the period."),
            COUNT("attemptsWithFindings", "Attempts with at least one finding."),
            p("findings", "out", 5, 5, doc="Findings by code, one per code (zeros included).", parts=[
                p("code", "out", 1, 1, "code", "missing-contact-point | missing-date | missing-time | missing-person-name | missing-person-contact"),
                COUNT("count", "Findings with that code.")])]),
        p("finding", "out", 0, "*", doc="One per documentation gap.", parts=[
            p("attempt", "out", 1, 1, "Reference", "The outreach attempt Task."),
            p("code", "out", 1, 1, "code", "The finding code."),
            p("expression", "out", 1, 1, "string", "FHIRPath of the element that should hold the missing information."),
            p("message", "out", 1, 1, "string", "What is missing, in words, citing KS-OUT-DOC."),
            p("severity", "out", 1, 1, "code", "warning")])]),
    op("hh-referral-metrics", "referral-metrics", "Closed-loop referral metrics (ECM-CLR)",
       "ECM-CLR (KHS policy E.7: referrals tracked to loop closure, timely response, closure rates including 'Member Unable to Reach' monitored). Per receiving provider (Task.owner of the referral Task, hh-task-code#referral; 'unassigned' when none), for the period (local dates, America/Los_Angeles), read from each referral's versions as of the earlier of asOf and the end of the period (each version's Task.lastModified is when its change happened): open referrals, referrals received (authoredOn in the period), overdue (no first status change within the response window, default 10 business days with the California calendar, docs/domain/referrals.md#response-window), referrals still awaiting a response past the window, closures in the period by reason (hh-referral-closure, 'unspecified' when none), the unable-to-reach rate and the median hours to first response and to closure. On Organization/[id]: the referrals that organization owns (its row only; unknown Organization: 404). At the base: all referrals, or one owner's. CSV (Accept: text/csv or _format=csv): one row per provider.",
       ["Organization"], True, False, True,
       PERIOD + [
        p("asOf", "in", 0, 1, "dateTime", "The instant to read the referrals at (default: now; a date alone is the start of that day in America/Los_Angeles); the period is read up to the earlier of asOf and its end."),
        p("owner", "in", 0, 1, "string", "System level only: one receiving provider (a reference such as Organization/[id], or an Organization id)."),
       ] + PERIOD_OUT + [
        p("provider", "out", 0, "*", doc="One per receiving provider.", parts=[
            p("provider", "out", 1, 1, "Reference", "The Task.owner, or the string 'unassigned' (valueString)."),
            COUNT("open", "Referrals requested, accepted, in-progress or on-hold at the cutoff."),
            COUNT("received", "Referrals authored in the period."),
            COUNT("overdue", "Referrals received in the period whose first response came after the due date, or has not come and the due date has passed."),
            p("overdueReferral", "out", 0, "*", "Reference", "The overdue referral Tasks."),
            COUNT("awaitingResponseOverdue", "Referrals of any age still requested with the response window passed (to escalate)."),
            p("awaitingResponseOverdueReferral", "out", 0, "*", "Reference", "Those referral Tasks."),
            COUNT("closed", "Referrals closed (completed, rejected, cancelled, failed) in the period."),
            p("closedByReason", "out", 0, "*", doc="Closures by hh-referral-closure reason.", parts=[
                p("reason", "out", 1, 1, "code", "The closure reason code, or 'unspecified'."), COUNT("count", "Closures with that reason.")]),
            p("unableToReachRate", "out", 0, 1, "decimal", "Closures with member-unable-to-reach / all closures (0-1, 4 decimals); absent without closures."),
            p("medianHoursToFirstResponse", "out", 0, 1, "decimal", "Median hours from authoredOn to the first status change, over referrals received in the period; absent when none."),
            p("medianHoursToClosure", "out", 0, 1, "decimal", "Median hours from authoredOn to closure, over closures in the period; absent when none.")])]),
]
