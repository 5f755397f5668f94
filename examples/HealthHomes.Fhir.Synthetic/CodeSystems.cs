namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// The conformance package's code systems, identifier systems, extensions and profiles (profiles/README.md), with
/// the code lists of docs/domain/fhir-mapping.md#code-systems that the panel draws from.
/// </summary>
public static class CodeSystems
{
    public const string Base = "https://fhir.healthhomes.example/";
    public const string Program = Base + "CodeSystem/hh-program";
    public const string TaskCode = Base + "CodeSystem/hh-task-code";
    public const string TaskParameter = Base + "CodeSystem/hh-task-parameter";
    public const string OutreachModality = Base + "CodeSystem/hh-outreach-modality";
    public const string AttemptOutcome = Base + "CodeSystem/hh-attempt-outcome";
    public const string OutreachChecklist = Base + "CodeSystem/hh-outreach-checklist";
    public const string ChecklistStep = Base + "CodeSystem/hh-checklist-step";
    public const string CarePlanCategory = Base + "CodeSystem/hh-careplan-category";
    public const string CoreService = Base + "CodeSystem/hh-core-service";
    public const string CareTeamRole = Base + "CodeSystem/hh-care-team-role";
    public const string OrganizationRole = Base + "CodeSystem/hh-organization-role";
    public const string HhpProviderType = Base + "CodeSystem/hhp-provider-type";
    public const string EcmPopulationOfFocus = Base + "CodeSystem/ecm-population-of-focus";
    public const string EcmInteractionCategory = Base + "CodeSystem/ecm-interaction-category";

    public const string KanCareId = Base + "sid/kancare-id";
    public const string MediCalCin = Base + "sid/medi-cal-cin";
    public const string Npi = "http://hl7.org/fhir/sid/us-npi";
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ParticipationMode = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

    public const string KsHealthHomes = "ks-hh";
    public const string EnhancedCareManagement = "ecm";
    public const string HealthActionPlan = "health-action-plan";
    public const string EcmCarePlan = "ecm-care-plan";
    public const string OutreachAttempt = "outreach-attempt";
    public const string ChecklistStepDone = "checklist-step";

    public static string Extension(string id) => Base + "StructureDefinition/" + id;

    public static string Profile(string id) => Base + "StructureDefinition/" + id;

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

    public static readonly IReadOnlyList<string> Checklists = ["checklist-1", "checklist-2", "checklist-3", "checklist-4"];

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
        "individual-family-support", "referral-community-social-support",
    ];

    public static readonly IReadOnlyList<string> KsCareTeamRoles =
    [
        "nurse-care-coordinator", "social-worker-care-coordinator", "peer-support-specialist", "psychiatrist", "physician",
    ];

    public static readonly IReadOnlyList<string> PopulationsOfFocus =
    [
        "homeless-adult-no-children", "homeless-families-youth", "avoidable-utilization-adult", "avoidable-utilization-child",
        "smh-sud-adult", "smh-sud-child", "incarceration-transition-adult", "incarceration-transition-youth", "ltc-risk",
        "nf-transition", "ccs-wcm", "child-welfare", "birth-equity",
    ];

    public static readonly IReadOnlyList<string> HhpProviderTypes =
    [
        "center-for-independent-living", "cddo", "cmhc", "community-service-provider-idd", "fqhc-safety-net", "home-health-agency",
        "hospital-physician-group", "local-health-department", "physician-clinic", "physician-practice", "rural-health-clinic", "sud-provider",
    ];
}
