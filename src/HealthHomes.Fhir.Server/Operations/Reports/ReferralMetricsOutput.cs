using System.Globalization;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Referrals;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Operations.CareManagement.DeadlineResultParameters;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>
/// $referral-metrics output: rule, periodStart, periodEnd, then one `provider` per receiving provider with parts
/// provider (reference, or the string unassigned), open, received, overdue (+ overdueReferral), awaitingResponseOverdue
/// (+ awaitingResponseOverdueReferral), closed, closedByReason (reason, count), unableToReachRate (0-1, 4 decimals),
/// medianHoursToFirstResponse and medianHoursToClosure (hours, 2 decimals); the last three only when there is a value.
/// CSV: one row per provider, the same fields (references space-separated, reasons as reason=count).
/// </summary>
public static class ReferralMetricsOutput
{
    public static readonly IReadOnlyList<string> CsvHeader =
    [
        "provider", "open", "received", "overdue", "overdueReferrals", "awaitingResponseOverdue", "awaitingResponseOverdueReferrals",
        "closed", "closedByReason", "unableToReachRate", "medianHoursToFirstResponse", "medianHoursToClosure",
    ];

    public static ProviderReferralMetrics Empty(string provider) =>
        new(provider, 0, 0, 0, [], 0, [], 0, new Dictionary<string, int>(StringComparer.Ordinal), null, null, null);

    public static Parameters ToParameters(ReportPeriod period, IEnumerable<ProviderReferralMetrics> providers)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(providers);
        var parameters = new Parameters();
        parameters.Add("rule", new Code(RuleIds.EcmClosedLoopReferral));
        period.AddTo(parameters);
        foreach (var metrics in providers)
        {
            var row = new Parameters.ParameterComponent { Name = "provider" };
            row.Part.Add(Part("provider", metrics.Provider == ReferralMetrics.Unassigned ? new FhirString(metrics.Provider) : new ResourceReference(metrics.Provider)));
            row.Part.Add(Part("open", new Integer(metrics.Open)));
            row.Part.Add(Part("received", new Integer(metrics.Received)));
            row.Part.Add(Part("overdue", new Integer(metrics.Overdue)));
            row.Part.AddRange(metrics.OverdueReferrals.Select(r => Part("overdueReferral", new ResourceReference(r))));
            row.Part.Add(Part("awaitingResponseOverdue", new Integer(metrics.AwaitingResponseOverdue)));
            row.Part.AddRange(metrics.AwaitingResponseOverdueReferrals.Select(r => Part("awaitingResponseOverdueReferral", new ResourceReference(r))));
            row.Part.Add(Part("closed", new Integer(metrics.Closed)));
            foreach (var (reason, count) in metrics.ClosedByReason)
            {
                row.Part.Add(new Parameters.ParameterComponent
                {
                    Name = "closedByReason",
                    Part = [Part("reason", new Code(reason)), Part("count", new Integer(count))],
                });
            }

            AddDecimal(row, "unableToReachRate", Rate(metrics.UnableToReachRate));
            AddDecimal(row, "medianHoursToFirstResponse", Hours(metrics.MedianTimeToFirstResponse));
            AddDecimal(row, "medianHoursToClosure", Hours(metrics.MedianTimeToClosure));
            parameters.Parameter.Add(row);
        }

        return parameters;
    }

    public static IReadOnlyList<string?> CsvRow(ProviderReferralMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return
        [
            metrics.Provider,
            Text(metrics.Open),
            Text(metrics.Received),
            Text(metrics.Overdue),
            string.Join(' ', metrics.OverdueReferrals),
            Text(metrics.AwaitingResponseOverdue),
            string.Join(' ', metrics.AwaitingResponseOverdueReferrals),
            Text(metrics.Closed),
            string.Join(' ', metrics.ClosedByReason.Select(r => $"{r.Key}={Text(r.Value)}")),
            Rate(metrics.UnableToReachRate)?.ToString(CultureInfo.InvariantCulture),
            Hours(metrics.MedianTimeToFirstResponse)?.ToString(CultureInfo.InvariantCulture),
            Hours(metrics.MedianTimeToClosure)?.ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>A share from 0 to 1, rounded to 4 decimals.</summary>
    public static decimal? Rate(double? rate) => rate is { } r ? Math.Round((decimal)r, 4, MidpointRounding.AwayFromZero) : null;

    /// <summary>A duration in hours, rounded to 2 decimals.</summary>
    public static decimal? Hours(TimeSpan? duration) => duration is { } d ? Math.Round((decimal)d.TotalHours, 2, MidpointRounding.AwayFromZero) : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AddDecimal(Parameters.ParameterComponent row, string name, decimal? value)
    {
        if (value is { } v)
        {
            row.Part.Add(Part(name, new FhirDecimal(v)));
        }
    }
}
