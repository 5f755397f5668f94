namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// KS-HHP-EHR-PLAN: "Commit to the use of an interoperable EHR through [...] Submission of a plan, within 90 days of
/// contracting as a HHP, to implement the EHR." 90 calendar days from the contract start; met by the ehr-plan attestation.
/// </summary>
public sealed class EhrPlanWithin90Days()
    : HealthHomePartnerMilestone(CareManagement.RuleIds.KsHhpEhrPlan, DeadlineCodes.EhrPlan, DeadlineLimit.CalendarDays(90));
