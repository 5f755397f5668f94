namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>The engagement statuses of docs/domain/engagement.md#engagement-statuses (one per member per enrollment, derived, never stored).</summary>
public enum EngagementStatus
{
    NotOutreached,
    OutreachInProgress,
    ContactInfoInvalid,
    UnableToReach,
    ContactedNotEngaged,
    Engaged,
    Declined,
    Disenrolled,
}

public static class EngagementStatusCodes
{
    public static string Code(this EngagementStatus status) => status switch
    {
        EngagementStatus.NotOutreached => "not-outreached",
        EngagementStatus.OutreachInProgress => "outreach-in-progress",
        EngagementStatus.ContactInfoInvalid => "contact-info-invalid",
        EngagementStatus.UnableToReach => "unable-to-reach",
        EngagementStatus.ContactedNotEngaged => "contacted-not-engaged",
        EngagementStatus.Engaged => "engaged",
        EngagementStatus.Declined => "declined",
        _ => "disenrolled",
    };

    public static EngagementStatus? Parse(string? code) =>
        Enum.GetValues<EngagementStatus>().Cast<EngagementStatus?>().FirstOrDefault(s => s!.Value.Code() == code);
}
