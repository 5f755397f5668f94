using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// The Organization-level rules KS-HHP-EHR-PLAN (90 days), KS-HHP-EHR (12 months) and KS-HHP-HIE (18 months) for a
/// Health Home Partner (Organization.type hh-organization-role#health-home-partner).
/// </summary>
public static class HealthHomePartnerMilestones
{
    public static IReadOnlyList<IOrganizationDeadlineRule> All { get; } =
        [new EhrPlanWithin90Days(), new EhrInUseWithin12Months(), new HieConnectedWithin18Months()];

    /// <summary>Three results for a Health Home Partner; none for any other Organization.</summary>
    public static IReadOnlyList<DeadlineResult> Evaluate(Organization organization, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(context);
        return [.. All.SelectMany(rule => rule.Evaluate(organization, context))];
    }
}
