using System.Diagnostics;

namespace HealthHomes.Fhir.Bench;

/// <summary>Latency samples (Stopwatch ticks) and their nearest-rank percentiles in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = [];
    private long[]? _sorted;

    public const int MinimumSamples = 100;

    public int Count => _ticks.Count;

    public void Add(long ticks)
    {
        lock (_ticks)
        {
            _ticks.Add(ticks);
            _sorted = null;
        }
    }

    public double Percentile(double p)
    {
        var sorted = _sorted ??= [.. _ticks.Order()];
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> <paramref name="count"/> times on <paramref name="concurrency"/> workers, timing
    /// each call; stops early after <paramref name="budget"/> (at least <see cref="MinimumSamples"/> calls), so a slow
    /// search at a large panel still finishes.
    /// </summary>
    public static async Task<(Latencies Latencies, TimeSpan Elapsed)> MeasureAsync(int count, int concurrency, Func<int, Task> operation, TimeSpan? budget = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((budget ?? TimeSpan.FromSeconds(60)).TotalSeconds * Stopwatch.Frequency);
        var latencies = new Latencies();
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && (i < MinimumSamples || Stopwatch.GetTimestamp() < deadline))
            {
                var start = Stopwatch.GetTimestamp();
                await operation(i).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
        })).ConfigureAwait(false);
        return (latencies, total.Elapsed);
    }
}
