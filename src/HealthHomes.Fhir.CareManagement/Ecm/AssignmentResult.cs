using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Ecm;

/// <summary>The rule step that chose the ECM Provider (ECM-ASSIGN-10BD, KHS policy D.4-D.5), in the order they are tried.</summary>
public static class AssignmentStepCodes
{
    public const string MemberPreference = "member-preference";
    public const string PcpIsEcmProvider = "pcp-is-ecm-provider";
    public const string SpecialtyMhSudProvider = "specialty-mh-sud-provider";
    public const string PlanDefault = "plan-default";

    public static IReadOnlyList<string> InOrder { get; } = [MemberPreference, PcpIsEcmProvider, SpecialtyMhSudProvider, PlanDefault];
}

/// <summary>Why an assignment could not be made; <see cref="HttpStatus"/> is the status the server should answer with.</summary>
public static class AssignmentFailureCodes
{
    /// <summary>422: the member has no open ECM EpisodeOfCare (type hh-program#ecm, not finished/cancelled/entered-in-error).</summary>
    public const string NoEcmEnrollment = "no-ecm-enrollment";

    /// <summary>422: the ECM EpisodeOfCare has no hh-authorization-period covering the assignment date.</summary>
    public const string NoActiveAuthorization = "no-active-authorization";

    /// <summary>409: the enrollment is already managed by an ECM Provider; a change goes through ECM-CHANGE-30D.</summary>
    public const string AlreadyAssigned = "already-assigned";

    /// <summary>422: no step found a contracted ECM Provider and the configured default is missing or not contracted.</summary>
    public const string NoEligibleProvider = "no-eligible-provider";
}

/// <summary>One assignment step tried: whether it chose, the candidate it looked at (if any) and why it did or did not apply.</summary>
public sealed record AssignmentStep(string Step, bool Chosen, string? Candidate, string Explanation);

/// <summary>The assignment failed (a result, not an exception): <paramref name="HttpStatus"/> 409/422, a code from <see cref="AssignmentFailureCodes"/>, the steps tried so far.</summary>
public sealed record AssignmentFailure(int HttpStatus, string Code, string Message, IReadOnlyList<AssignmentStep> Steps)
{
    public string Rule => RuleIds.EcmAssign10BusinessDays;
}

/// <summary>
/// The ECM Provider chosen for a member and the resources to write in one transaction (see
/// <see cref="EcmProviderAssignment"/> for how they reference each other).
/// </summary>
public sealed record AssignmentDecision(
    string ChosenOrganization,
    string Step,
    IReadOnlyList<AssignmentStep> Steps,
    DateOnly AssignmentDate,
    EpisodeOfCare Enrollment,
    CareTeam CareTeam,
    Communication ProviderNotification,
    Communication? PcpNotification,
    string? Pcp,
    string PcpNotificationExplanation)
{
    public string Rule => RuleIds.EcmAssign10BusinessDays;

    /// <summary>All resources to write: the EpisodeOfCare (update, it has its id), then the creates (no id).</summary>
    public IReadOnlyList<Resource> Resources =>
        PcpNotification is null ? [Enrollment, CareTeam, ProviderNotification] : [Enrollment, CareTeam, ProviderNotification, PcpNotification];
}

/// <summary>Either a decision or a failure.</summary>
public sealed record AssignmentResult(AssignmentDecision? Decision, AssignmentFailure? Failure)
{
    public bool Succeeded => Decision is not null;
}
