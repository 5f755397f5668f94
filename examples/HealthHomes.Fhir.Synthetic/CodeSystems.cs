namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// The project's code systems (DOMAIN.md section 3) and the external systems the panel uses. Each list here is the
/// code list the CodeSystem in profiles/ will carry.
/// </summary>
public static class CodeSystems
{
    public const string Base = "https://fhir.healthhomes.example/CodeSystem/";
    public const string Program = Base + "program";
    public const string TaskCode = Base + "task-code";
    public const string OutreachInput = Base + "outreach-input";
    public const string OutreachOutput = Base + "outreach-output";
    public const string OutreachModality = Base + "outreach-modality";
    public const string OutreachOutcome = Base + "outreach-outcome";
    public const string ChecklistStep = Base + "checklist-step";
    public const string CarePlanCategory = Base + "care-plan-category";
    public const string CoreService = Base + "core-service";
    public const string CareTeamRole = Base + "care-team-role";
    public const string OrganizationType = Base + "organization-type";
    public const string HhpProviderType = Base + "hhp-provider-type";
    public const string EcmPopulationOfFocus = Base + "ecm-population-of-focus";

    public const string KanCareMedicaidId = "https://fhir.healthhomes.example/NamingSystem/kancare-medicaid-id";
    public const string MediCalCin = "https://fhir.healthhomes.example/NamingSystem/medi-cal-cin";
    public const string Npi = "http://hl7.org/fhir/sid/us-npi";
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    public const string KsHealthHomes = "ks-hh";
    public const string EnhancedCareManagement = "ecm";
    public const string HealthActionPlan = "hap";
    public const string EcmCarePlan = "ecm-care-plan";
    public const string OutreachAttempt = "outreach-attempt";

    public static readonly IReadOnlyList<string> Modalities =
    [
        "phone", "text", "email", "mail", "social-media", "video", "in-person-home", "in-person-community",
        "in-person-provider-site", "pharmacy-or-provider-contact", "alternate-database-lookup",
    ];

    public static readonly IReadOnlyList<string> Outcomes =
    [
        "no-answer", "voicemail-left", "unable-to-leave-message", "wrong-number", "number-missing-or-disconnected",
        "address-not-found", "mail-returned", "reached-member", "reached-guardian", "reached-other-person",
        "scheduled-callback", "agreed-to-engage", "declined",
    ];

    public static readonly IReadOnlyList<string> ChecklistSteps =
    [
        "send-mailing", "check-alternate-database", "contact-pharmacy-or-provider", "early-or-late-call",
        "follow-up-call-7d", "ask-send-information", "ask-callback-timeframe", "ask-keep-informed",
        "propose-trial-basis", "propose-future-needs", "high-risk-notify-provider", "refer-member-services",
        "opt-out-info-on-request",
    ];

    public static readonly IReadOnlyList<string> CoreServices =
    [
        "comprehensive-care-management", "care-coordination", "health-promotion", "comprehensive-transitional-care",
        "individual-and-family-support", "referral-to-community-and-social-support",
    ];

    public static readonly IReadOnlyList<string> KsCareTeamRoles =
    [
        "nurse-care-coordinator", "social-worker-care-coordinator", "peer-support-specialist", "psychiatrist", "physician",
    ];

    public static readonly IReadOnlyList<string> PopulationsOfFocus =
    [
        "a-i", "a-ii", "b-i", "b-ii", "c-i", "c-ii", "d-i", "d-ii", "e", "f", "g", "h", "i",
    ];

    public static readonly IReadOnlyList<string> HhpProviderTypes =
    [
        "center-for-independent-living", "community-developmental-disability-organization", "community-mental-health-center",
        "community-service-provider-idd", "fqhc-safety-net-clinic", "home-health-agency", "hospital-based-physician-group",
        "local-health-department", "physician-based-clinic", "physician-practice", "rural-health-clinic", "substance-use-disorder-provider",
    ];
}
