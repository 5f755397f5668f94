namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>The KanCare outreach checklists (hh-outreach-checklist, docs/domain/health-homes.md#outreach-checklists).</summary>
public static class ChecklistCodes
{
    /// <summary>Incorrect/missing phone number.</summary>
    public const string Checklist1 = "checklist-1";

    /// <summary>Beneficiary cannot be located at the listed address.</summary>
    public const string Checklist2 = "checklist-2";

    /// <summary>Correct number or valid address confirmed, but cannot reach or leave a message.</summary>
    public const string Checklist3 = "checklist-3";

    /// <summary>Beneficiary contacted, not fully engaged, not opted out (contact with member/guardian required).</summary>
    public const string Checklist4 = "checklist-4";
}

/// <summary>The checklist steps (hh-checklist-step, docs/domain/health-homes.md#outreach-checklists).</summary>
public static class ChecklistStepCodes
{
    public const string SendMailing = "send-mailing";
    public const string CheckAlternateDatabase = "check-alternate-database";
    public const string ContactPharmacyOrProvider = "contact-pharmacy-or-provider";
    public const string EarlyOrLateCall = "early-or-late-call";
    public const string FollowUpCall7Days = "follow-up-call-7d";
    public const string AskSendInformation = "ask-send-information";
    public const string AskCallbackTimeframe = "ask-callback-timeframe";
    public const string AskKeepInformed = "ask-keep-informed";
    public const string ProposeTrialBasis = "propose-trial-basis";
    public const string ProposeFutureNeeds = "propose-future-needs";
    public const string HighRiskNotifyProvider = "high-risk-notify-provider";
    public const string ReferMemberServices = "refer-member-services";
    public const string OptOutInfoOnRequest = "opt-out-info-on-request";
}

/// <summary>Outreach modalities the checklists read (hh-outreach-modality).</summary>
public static class ModalityCodes
{
    public const string Phone = "phone";
    public const string Mail = "mail";
    public const string AlternateDatabaseLookup = "alternate-database-lookup";
    public const string PharmacyOrProviderContact = "pharmacy-or-provider-contact";
}

/// <summary>
/// The four checklists of KanCare Outreach and Due Diligence (docs/domain/health-homes.md#outreach-checklists): each
/// one's items in the source's order, the rule ID each item is judged under, and which items only apply on a condition
/// (checklist 4: "if you believe the beneficiary is high risk and insists on opting out"; "opt out information provided
/// only upon member request").
/// </summary>
public static class KanCareChecklists
{
    /// <summary>The checklist-3 alternate methods, "if unable to connect after 7 days" (KS-CL3-ALT).</summary>
    public static IReadOnlyList<string> AlternateMethods { get; } =
        [ChecklistStepCodes.SendMailing, ChecklistStepCodes.CheckAlternateDatabase, ChecklistStepCodes.ContactPharmacyOrProvider];

    /// <summary>The steps of a checklist, in the seed's order (empty for an unknown checklist).</summary>
    public static IReadOnlyList<string> StepsOf(string checklist) => checklist switch
    {
        ChecklistCodes.Checklist1 => AlternateMethods,
        ChecklistCodes.Checklist2 => [ChecklistStepCodes.CheckAlternateDatabase, ChecklistStepCodes.ContactPharmacyOrProvider],
        ChecklistCodes.Checklist3 => [ChecklistStepCodes.EarlyOrLateCall, ChecklistStepCodes.FollowUpCall7Days, .. AlternateMethods],
        ChecklistCodes.Checklist4 =>
        [
            ChecklistStepCodes.AskSendInformation, ChecklistStepCodes.AskCallbackTimeframe, ChecklistStepCodes.AskKeepInformed,
            ChecklistStepCodes.ProposeTrialBasis, ChecklistStepCodes.ProposeFutureNeeds, ChecklistStepCodes.HighRiskNotifyProvider,
            ChecklistStepCodes.ReferMemberServices, ChecklistStepCodes.OptOutInfoOnRequest,
        ],
        _ => [],
    };

    /// <summary>The rule ID a step of a checklist is judged under (checklist 3 splits: the calls KS-CL3-7D, the alternates KS-CL3-ALT).</summary>
    public static string? RuleFor(string checklist, string step) => checklist switch
    {
        ChecklistCodes.Checklist1 => RuleIds.KsCl1,
        ChecklistCodes.Checklist2 => RuleIds.KsCl2,
        ChecklistCodes.Checklist3 => step is ChecklistStepCodes.EarlyOrLateCall or ChecklistStepCodes.FollowUpCall7Days
            ? RuleIds.KsCl3SevenDays
            : RuleIds.KsCl3Alternate,
        ChecklistCodes.Checklist4 => RuleIds.KsCl4,
        _ => null,
    };

    /// <summary>Steps done only when their condition arises; never reported as the next action.</summary>
    public static bool IsConditional(string step) =>
        step is ChecklistStepCodes.HighRiskNotifyProvider or ChecklistStepCodes.OptOutInfoOnRequest;
}
