namespace HealthHomes.Fhir.CareManagement;

/// <summary>
/// The conformance package's systems and codes that the rules read (profiles/README.md, "Element paths").
/// One place, so a rule reads "OutcomeCodes.WrongNumber", not a URL.
/// </summary>
public static class ProgramCodes
{
    public const string Base = "https://fhir.healthhomes.example/";
    public const string ProgramSystem = Base + "CodeSystem/hh-program";
    public const string TaskCodeSystem = Base + "CodeSystem/hh-task-code";
    public const string TaskParameterSystem = Base + "CodeSystem/hh-task-parameter";
    public const string ModalitySystem = Base + "CodeSystem/hh-outreach-modality";
    public const string OutcomeSystem = Base + "CodeSystem/hh-attempt-outcome";
    public const string ChecklistSystem = Base + "CodeSystem/hh-outreach-checklist";
    public const string ChecklistStepSystem = Base + "CodeSystem/hh-checklist-step";
    public const string CarePlanCategorySystem = Base + "CodeSystem/hh-careplan-category";
    public const string CareTeamRoleSystem = Base + "CodeSystem/hh-care-team-role";
    public const string OrganizationRoleSystem = Base + "CodeSystem/hh-organization-role";
    public const string ConsentCategorySystem = Base + "CodeSystem/hh-consent-category";
    public const string HitMilestoneSystem = Base + "CodeSystem/hh-hit-milestone";
    public const string InteractionCategorySystem = Base + "CodeSystem/ecm-interaction-category";
    public const string DisenrollmentReasonSystem = Base + "CodeSystem/ecm-disenrollment-reason";
    public const string ReferralClosureSystem = Base + "CodeSystem/hh-referral-closure";
    public const string NotificationTypeSystem = Base + "CodeSystem/hh-notification-type";

    public const string KsHealthHomes = "ks-hh";
    public const string EnhancedCareManagement = "ecm";

    // Task.code (hh-task-code)
    public const string OutreachAttempt = "outreach-attempt";
    public const string ChecklistStep = "checklist-step";
    public const string Referral = "referral";
    public const string EcmEligibilityReview = "ecm-eligibility-review";
    public const string EcmProviderChange = "ecm-provider-change";
    public const string PriorEcmNotification = "prior-ecm-notification";

    // Communication.category (hh-notification-type)
    public const string PcpAssignmentNotification = "pcp-assignment-notification";
    public const string ProviderAssignmentNotification = "provider-assignment-notification";
    public const string ProviderChangeNotification = "provider-change-notification";

    public const string HealthActionPlan = "health-action-plan";
    public const string ProgramParticipation = "program-participation";
    public const string LeadCareManager = "lead-care-manager";

    public static string Extension(string id) => Base + "StructureDefinition/" + id;

    public static readonly string EnrollmentExtension = Extension("hh-enrollment");
    public static readonly string AuthorizationPeriodExtension = Extension("hh-authorization-period");
    public static readonly string DisenrollmentReasonExtension = Extension("hh-disenrollment-reason");
    public static readonly string ResponsiblePlanExtension = Extension("hh-responsible-plan");
    public static readonly string CompletionDateExtension = Extension("hh-completion-date");
    public static readonly string ContractPeriodExtension = Extension("hh-contract-period");
    public static readonly string HitAttestationExtension = Extension("hh-hit-attestation");
}

/// <summary>Task input/output types (hh-task-parameter).</summary>
public static class TaskParameterCodes
{
    public const string Modality = "modality";
    public const string ContactPointAttempted = "contact-point-attempted";
    public const string Checklist = "checklist";
    public const string ChecklistStep = "checklist-step";
    public const string InteractionCategory = "interaction-category";
    public const string Outcome = "outreach-outcome";
    public const string PersonReached = "person-reached";
    public const string PersonReachedName = "person-reached-name";
    public const string PersonReachedContact = "person-reached-contact";
    public const string CallbackDue = "callback-due";
    public const string InformedOfRights = "informed-of-rights";
}

/// <summary>Attempt outcomes (hh-attempt-outcome, docs/domain/fhir-mapping.md#code-systems).</summary>
public static class OutcomeCodes
{
    public const string NoAnswer = "no-answer";
    public const string VoicemailLeft = "voicemail-left";
    public const string UnableToLeaveMessage = "unable-to-leave-message";
    public const string WrongNumber = "wrong-number";
    public const string NumberMissingOrDisconnected = "number-missing-or-disconnected";
    public const string AddressNotFound = "address-not-found";
    public const string MailReturned = "mail-returned";
    public const string ReachedMember = "reached-member";
    public const string ReachedGuardian = "reached-guardian";
    public const string ReachedOtherPerson = "reached-other-person";
    public const string ScheduledCallback = "scheduled-callback";
    public const string AgreedToEngage = "agreed-to-engage";
    public const string Declined = "declined";

    /// <summary>Contact made with the member or guardian (the seed's condition for checklist 4).</summary>
    public static bool IsMemberContact(string? outcome) =>
        outcome is ReachedMember or ReachedGuardian or ScheduledCallback or AgreedToEngage or Declined;

    /// <summary>The phone number is wrong or missing (checklist 1).</summary>
    public static bool IsPhoneInvalid(string? outcome) => outcome is WrongNumber or NumberMissingOrDisconnected;

    /// <summary>The member is not at the address (checklist 2).</summary>
    public static bool IsAddressInvalid(string? outcome) => outcome is AddressNotFound or MailReturned;
}
