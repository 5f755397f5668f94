namespace HealthHomes.Fhir.CareManagement;

/// <summary>
/// The rule IDs of the rule book (docs/domain/README.md#index-of-rule-ids): each rule's code, results and tests carry
/// one of these, and each has an entry under docs/domain/ (RuleBookTests keeps it so).
/// </summary>
public static class RuleIds
{
    public const string KsHap90 = "KS-HAP-90";
    public const string KsOutDoc = "KS-OUT-DOC";
    public const string KsCl1 = "KS-CL1";
    public const string KsCl2 = "KS-CL2";
    public const string KsCl3SevenDays = "KS-CL3-7D";
    public const string KsCl3Alternate = "KS-CL3-ALT";
    public const string KsCl4 = "KS-CL4";
    public const string KsPanel = "KS-PANEL";
    public const string KsPay = "KS-PAY";
    public const string KsDischarge7 = "KS-DC-7";
    public const string KsDischarge30 = "KS-DC-30";
    public const string KsHhpEhrPlan = "KS-HHP-EHR-PLAN";
    public const string KsHhpEhr = "KS-HHP-EHR";
    public const string KsHhpHie = "KS-HHP-HIE";
    public const string EcmEligibility5BusinessDays = "ECM-ELIG-5BD";
    public const string EcmEligibility72Hours = "ECM-ELIG-72H";

    /// <summary>The federal cap on Medicaid managed care prior authorization decisions from 2026-01-01 (CMS-0057-F; docs/domain/ecm.md#cms-0057-f-7d).</summary>
    public const string FederalPriorAuthorization7Days = "CMS-0057-F-7D";
    public const string EcmAuthorization12Months = "ECM-AUTH-12M";
    public const string EcmAssign10BusinessDays = "ECM-ASSIGN-10BD";
    public const string EcmPcp10BusinessDays = "ECM-PCP-10BD";
    public const string EcmNotifyWeekly = "ECM-NOTIFY-WEEKLY";
    public const string EcmChange30Days = "ECM-CHANGE-30D";
    public const string EcmPrior90 = "ECM-PRIOR-90";
    public const string EcmOutreach30Days = "ECM-OUT-30D";
    public const string EcmOutreachTwice = "ECM-OUT-2X";
    public const string EcmOutreachInform = "ECM-OUT-INFORM";
    public const string EcmLeadCareManager = "ECM-LCM";
    public const string EcmClosedLoopReferral = "ECM-CLR";
}
