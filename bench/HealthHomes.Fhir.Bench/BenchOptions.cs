using System.Globalization;

namespace HealthHomes.Fhir.Bench;

/// <summary>
/// The command line: --members N (repeatable), --runs R, --seed S, --ingest transaction|put, --parallel P (ingest),
/// --data DIR, --profile M (after the last run of each size, the write profile over M more members), --keep (leave the
/// last database for EXPLAIN QUERY PLAN), --ingest-only (skip the other phases), --writes-only (ingest and the single
/// creates, no reads), --synchronous full|normal (Storage:Synchronous, to price the fsync on every commit), --security
/// on|off (bearer tokens on every request, the default, or Security:Enabled=false, to price authorization).
/// </summary>
internal sealed record BenchOptions(IReadOnlyList<int> MemberCounts, int Runs, int Seed, bool IngestByTransaction, int IngestParallelism, string DataRoot, int ProfileMembers, bool Keep, bool IngestOnly)
{
    public const string Usage =
        "dotnet run -c Release --project bench/HealthHomes.Fhir.Bench -- --members 10000 [--members 100000] [--runs 3] [--seed 1] " +
        "[--ingest transaction|put] [--parallel 4] [--data /tmp/dir] [--profile 500] [--keep] [--ingest-only] [--writes-only] [--synchronous full|normal] [--security on|off]";

    /// <summary>Storage:Synchronous for the server, when given (else the server's default).</summary>
    public string? Synchronous { get; init; }

    /// <summary>False: Security:Enabled=false, no tokens (to price authorization against the default).</summary>
    public bool Security { get; init; } = true;

    /// <summary>Ingest and the single creates only: the write path, without the read phases.</summary>
    public bool WritesOnly { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var members = new List<int>();
        int runs = 3, seed = 1, parallel = 4, profile = 0;
        bool keep = false, ingestOnly = false, writesOnly = false;
        string? synchronous = null;
        var security = true;
        var transaction = true;
        var data = Path.Combine(Path.GetTempPath(), "healthhomes-bench");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            switch (args[i])
            {
                case "--members": members.Add(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--parallel": parallel = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--ingest": transaction = Next() switch { "transaction" => true, "put" => false, var v => throw new ArgumentException($"--ingest {v}? Usage: {Usage}") }; break;
                case "--data": data = Next(); break;
                case "--profile": profile = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                case "--ingest-only": ingestOnly = true; break;
                case "--writes-only": writesOnly = true; break;
                case "--synchronous": synchronous = Next() switch { "full" => "Full", "normal" => "Normal", var v => throw new ArgumentException($"--synchronous {v}? Usage: {Usage}") }; break;
                case "--security": security = Next() switch { "on" => true, "off" => false, var v => throw new ArgumentException($"--security {v}? Usage: {Usage}") }; break;
                default: throw new ArgumentException($"Unknown argument {args[i]}. Usage: {Usage}");
            }
        }

        return new BenchOptions(members.Count == 0 ? [10_000] : members, runs, seed, transaction, parallel, data, profile, keep, ingestOnly)
        {
            Synchronous = synchronous,
            Security = security,
            WritesOnly = writesOnly,
        };
    }
}
