using System.Globalization;
using HealthHomes.Fhir.CareManagement.Deadlines;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>$deadline-compliance as CSV: one row per rule instance, the same fields as the Parameters `result` parts.</summary>
public static class DeadlineResultCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "rule", "subject", "state", "start", "due", "completed", "daysRemaining", "severity", "startEvidence", "endEvidence", "explanation",
    ];

    public static IReadOnlyList<string?> Row(DeadlineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            string.Join(' ', result.Rules),
            result.Subject,
            result.State.Code(),
            Instant(result.Start),
            Instant(result.Due),
            Instant(result.Completed),
            result.DaysRemaining?.ToString(CultureInfo.InvariantCulture),
            result.Severity.Code(),
            string.Join(' ', result.StartEvidence),
            string.Join(' ', result.EndEvidence),
            result.Explanation,
        ];
    }

    private static string? Instant(DateTimeOffset? value) => value is { } v ? DeadlineResultParameters.DateTime(v).Value : null;
}
