using System.Globalization;
using System.Text;

namespace HealthHomes.Fhir.Bench;

/// <summary>The Markdown the README carries: per panel size, each run's figures and their median against the targets; then search scaling.</summary>
internal static class ResultTable
{
    private const double IngestTarget = 5_000, ReadP99Target = 5, SearchP95Target = 20, ScalingTarget = 1.5;

    private sealed record Row(string Metric, string Target, Func<RunResult, double> Value, Func<double, bool>? Met, string Format);

    private static IEnumerable<Row> Rows()
    {
        yield return new("ingest, resources/s (transaction Bundles)", "≥ 5,000", r => r.IngestPerSecond, v => v >= IngestTarget, "N0");
        foreach (var create in new[] { Phases.CreateSerial, Phases.CreateParallel })
        {
            yield return new($"{create}, creates/s", "", r => Phase(r, create).PerSecond, null, "N0");
            yield return new($"{create}, p50 ms", "", r => Phase(r, create).P50, null, "F2");
            yield return new($"{create}, p99 ms", "", r => Phase(r, create).P99, null, "F2");
        }

        yield return new("read by id, p50 ms", "", r => Phase(r, Phases.Read).P50, null, "F2");
        yield return new("read by id, p99 ms", "< 5", r => Phase(r, Phases.Read).P99, v => v < ReadP99Target, "F2");
        foreach (var search in Phases.Searches)
        {
            yield return new($"`{search}` p50 ms", "", r => Phase(r, search).P50, null, "F2");
            yield return new($"`{search}` p95 ms", "< 20", r => Phase(r, search).P95, v => v < SearchP95Target, "F2");
            yield return new($"`{search}` matches per page", "", r => Phase(r, search).MatchesPerPage, null, "F1");
        }

        yield return new($"`{Phases.EngagementStatus}` p50 ms", "", r => Phase(r, Phases.EngagementStatus).P50, null, "F2");
        yield return new($"`{Phases.EngagementStatus}` p95 ms", "< 20", r => Phase(r, Phases.EngagementStatus).P95, v => v < SearchP95Target, "F2");
        yield return new("`$deadline-compliance` whole panel (CSV), first call of the run, s", "", r => r.PanelCompliance?.First.TotalSeconds ?? double.NaN, null, "F1");
        yield return new($"`$deadline-compliance` whole panel (CSV), median of {PanelTiming.Calls} calls, s", "< 30 at 100k", r => r.PanelCompliance?.Median.TotalSeconds ?? double.NaN, null, "F1");
        yield return new("`$deadline-compliance` whole panel, µs per member (median call)", "", r => r.PanelCompliance is { } c ? c.Median.TotalMilliseconds * 1000 / r.Members : double.NaN, null, "F0");
        yield return new("`$deadline-compliance` whole panel, rule instances", "", r => r.PanelCompliance?.Rows ?? double.NaN, null, "N0");
        yield return new("machine load average (1 min) at the end of the run", "", r => r.LoadAverage, null, "F1");
    }

    public static string Markdown(IReadOnlyList<RunResult> results)
    {
        var text = new StringBuilder();
        foreach (var size in results.GroupBy(r => r.Members))
        {
            var runs = size.ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {size.Key:N0} members ({runs[0].Resources:N0} resources, database {runs.Average(r => r.DatabaseBytes) / 1e6:N0} MB)");
            text.AppendLine();
            text.AppendLine("| metric | target | " + string.Join(" | ", runs.Select((_, i) => $"run {i + 1}")) + " | **median** | met |");
            text.AppendLine("|---|---|" + string.Concat(runs.Select(_ => "---|")) + "---|---|");
            foreach (var row in Rows())
            {
                var values = runs.Select(row.Value).ToList();
                var median = Median(values);
                var met = row.Met is null || double.IsNaN(median) ? "" : row.Met(median) ? "yes" : "**no**";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Metric} | {row.Target} | {string.Join(" | ", values.Select(v => Format(v, row.Format)))} | **{Format(median, row.Format)}** | {met} |");
            }

            text.AppendLine();
        }

        var sizes = results.Select(r => r.Members).Distinct().Order().ToList();
        if (sizes.Count >= 2)
        {
            var (small, large) = (sizes[0], sizes[^1]);
            text.AppendLine(CultureInfo.InvariantCulture, $"### Search scaling: median p95 at {large:N0} members / at {small:N0} members (target ≤ {ScalingTarget})");
            text.AppendLine();
            text.AppendLine("| search | ratio | met |");
            text.AppendLine("|---|---|---|");
            foreach (var search in Phases.Searches.Append(Phases.EngagementStatus))
            {
                double P95(int members) => Median(results.Where(r => r.Members == members).Select(r => Phase(r, search).P95).ToList());
                var ratio = P95(large) / P95(small);
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{search}` | {ratio:F2} | {(double.IsNaN(ratio) ? "" : ratio <= ScalingTarget ? "yes" : "**no**")} |");
            }

            text.AppendLine();
            double PerMember(int members) => Median(results.Where(r => r.Members == members && r.PanelCompliance is not null).Select(r => r.PanelCompliance!.Median.TotalMilliseconds / members).ToList());
            var linear = PerMember(large) / PerMember(small);
            text.AppendLine(CultureInfo.InvariantCulture, $"Whole-panel `$deadline-compliance`: cost per member at {large:N0} / at {small:N0} members = {linear:F2} (1.00 = linear in panel size).");
            text.AppendLine();
        }

        return text.ToString();
    }

    private static PhaseResult Phase(RunResult run, string name) =>
        run.Phases.TryGetValue(name, out var phase) ? phase : new PhaseResult(double.NaN, double.NaN, double.NaN, double.NaN);

    private static double Median(List<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Format(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
