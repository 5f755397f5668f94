namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// KS-DC-7: "Ensure access to timely services for enrollees, including seeing enrollees within seven days [...] of
/// discharge from an acute care or psychiatric inpatient stay." 7 calendar days from the discharge.
/// </summary>
public sealed class DischargeFollowUpWithin7Days() : DischargeFollowUp(CareManagement.RuleIds.KsDischarge7, 7);
