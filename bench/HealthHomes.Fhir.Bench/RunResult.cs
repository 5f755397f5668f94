namespace HealthHomes.Fhir.Bench;

/// <summary>One phase's figures: throughput (operations/s over the phase's wall time) and latency percentiles (ms).</summary>
internal sealed record PhaseResult(double PerSecond, double P50, double P95, double P99, double MatchesPerPage = double.NaN)
{
    public static PhaseResult From(Latencies latencies, TimeSpan elapsed, double matchesPerPage = double.NaN) =>
        new(latencies.Count / elapsed.TotalSeconds, latencies.Percentile(50), latencies.Percentile(95), latencies.Percentile(99), matchesPerPage);
}

/// <summary>Everything one run measured, by phase name (see <see cref="Phases"/>).</summary>
/// <param name="LoadAverage">The machine's 1-minute load average at the end of the run (others' builds make figures noisy).</param>
/// <param name="PanelCompliance">Wall times of the whole-panel $deadline-compliance calls (CSV, streamed), and its rows; null when not measured.</param>
internal sealed record RunResult(int Members, int Resources, double IngestPerSecond, long DatabaseBytes, double LoadAverage, IReadOnlyDictionary<string, PhaseResult> Phases, PanelTiming? PanelCompliance = null)
{
    public static double CurrentLoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
}

/// <summary>
/// The whole-panel $deadline-compliance, called <see cref="Calls"/> times in a row: the first call of the run (in run 1,
/// the first in the process, its code not yet optimized by the JIT's tiers) and the median of all calls.
/// </summary>
internal sealed record PanelTiming(TimeSpan First, TimeSpan Median, long Rows)
{
    public const int Calls = 3;
}

/// <summary>The phases' names, in the order the table shows them.</summary>
internal static class Phases
{
    public const string CreateSerial = "create, concurrency 1";
    public const string CreateParallel = "create, concurrency 16";
    public const string Read = "read by id";
    public const string TaskByPatient = "Task?patient=";
    public const string TaskByCodeStatusUpdated = "Task?code=&status=&_lastUpdated=ge";
    public const string PatientByName = "Patient?name=";
    public const string TaskWithPatient = "Task?patient=&_include=Task:patient";
    public const string EngagementStatus = "Patient/[id]/$engagement-status";

    public static readonly string[] Searches = [TaskByPatient, TaskByCodeStatusUpdated, PatientByName, TaskWithPatient];
}
