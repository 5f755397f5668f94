namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// KS-HHP-EHR: "Full implementation of the EHR within 12 months of contracting as a HHP (timeline approved by the Lead
/// Entity)." 12 calendar months from the contract start; met by the ehr-in-use attestation.
/// </summary>
public sealed class EhrInUseWithin12Months()
    : HealthHomePartnerMilestone(CareManagement.RuleIds.KsHhpEhr, DeadlineCodes.EhrInUse, DeadlineLimit.Months(12));
