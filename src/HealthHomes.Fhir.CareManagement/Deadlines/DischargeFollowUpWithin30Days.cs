namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// KS-DC-30: "Ensure access to timely services for enrollees, including seeing enrollees within [...] 30 days of
/// discharge from an acute care or psychiatric inpatient stay." 30 calendar days from the discharge.
/// </summary>
public sealed class DischargeFollowUpWithin30Days() : DischargeFollowUp(CareManagement.RuleIds.KsDischarge30, 30);
