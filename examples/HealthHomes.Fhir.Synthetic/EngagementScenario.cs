namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// The engagement status (docs/domain/engagement.md#engagement-statuses) a member's history is written to produce,
/// drawn first from the member's stream. The server derives the status from the records; the design is kept on the
/// Patient as a
/// <c>meta.tag</c> (<see cref="TagSystem"/>) so tests and the benchmark can compare.
/// </summary>
public static class EngagementScenario
{
    public const string TagSystem = CodeSystems.Base + "CodeSystem/synthetic-engagement-status";

    public const string Engaged = "engaged";
    public const string OutreachInProgress = "outreach-in-progress";
    public const string ContactedNotEngaged = "contacted-not-engaged";
    public const string UnableToReach = "unable-to-reach";
    public const string ContactInfoInvalid = "contact-info-invalid";
    public const string Declined = "declined";
    public const string Disenrolled = "disenrolled";
    public const string NotOutreached = "not-outreached";

    /// <summary>Designed proportions, in percent.</summary>
    public static readonly IReadOnlyList<(string Status, int Percent)> Weights =
    [
        (Engaged, 35), (OutreachInProgress, 15), (ContactedNotEngaged, 10), (UnableToReach, 10), (ContactInfoInvalid, 8),
        (Declined, 7), (Disenrolled, 10), (NotOutreached, 5),
    ];

    internal static string Pick(Random random)
    {
        var roll = random.Next(100);
        foreach (var (status, percent) in Weights)
        {
            if ((roll -= percent) < 0)
            {
                return status;
            }
        }

        return Engaged;
    }

    /// <summary>The designed status of a member bundle (from its Patient's tag).</summary>
    public static string Of(Hl7.Fhir.Model.Bundle member) =>
        member.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Patient>().Single().Meta!.Tag.Single(t => t.System == TagSystem).Code!;
}
