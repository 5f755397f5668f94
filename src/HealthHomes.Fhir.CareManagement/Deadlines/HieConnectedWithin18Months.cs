namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// KS-HHP-HIE: "Connection to one of the certified state HIE, KHIN or LACIE, within 18 months of contracting to be a
/// HHP (timeline approved by the Lead Entity)." 18 calendar months from the contract start; met by the hie-connected attestation.
/// </summary>
public sealed class HieConnectedWithin18Months()
    : HealthHomePartnerMilestone(CareManagement.RuleIds.KsHhpHie, DeadlineCodes.HieConnected, DeadlineLimit.Months(18));
