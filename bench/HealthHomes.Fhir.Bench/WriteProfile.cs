using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HealthHomes.Fhir.Bench;

/// <summary>
/// Where a write's time goes, without HTTP: for more members' resources (as JSON, as a transaction entry arrives),
/// the steps of a write timed one by one on the loaded database: validation as the interactions run it, then the
/// store's. WriteAsync includes index extraction and JSON serialization, which are also timed on their own, so "SQL"
/// is what remains of it.
/// </summary>
internal static class WriteProfile
{
    private static readonly string[] Steps =
    [
        "parse JSON (Firely)", "index extraction (FHIRPath)", "serialize JSON", "SQL: version, resource and index rows",
        "begin (open connection, BEGIN IMMEDIATE)", "commit", "validation on write (base R4 + claimed profiles)",
    ];

    public static async Task<string> RunAsync(IServiceProvider services, int seed, int members, double httpResourcesPerSecond)
    {
        var store = services.GetRequiredService<IResourceStore>();
        var indexer = new ResourceIndexer(services.GetRequiredService<SearchParameterRegistry>());
        var validation = services.GetRequiredService<WriteValidation>();
        var panel = new SyntheticPanel(seed + 1000, members);
        var ticks = new long[Steps.Length];
        var resources = 0;
        var indexRows = 0L;
        for (var m = 0; m < members; m++)
        {
            var entries = Entries(panel.Member(m));
            var begin = Stopwatch.GetTimestamp();
            await using var session = await store.BeginWriteAsync();
            ticks[4] += Stopwatch.GetTimestamp() - begin;
            foreach (var (type, id, json) in entries)
            {
                var t0 = Stopwatch.GetTimestamp();
                var resource = FhirSerialization.ParseJson(json);
                var v0 = Stopwatch.GetTimestamp();
                await validation.OnWriteIssuesAsync(resource, CancellationToken.None);
                ticks[6] += Stopwatch.GetTimestamp() - v0;
                var t1 = Stopwatch.GetTimestamp();
                indexRows += indexer.Extract(resource).Count;
                var t2 = Stopwatch.GetTimestamp();
                _ = JsonSerializer.Serialize(resource, FhirSerialization.Json);
                var t3 = Stopwatch.GetTimestamp();
                resource.Id = id;
                await session.WriteAsync(resource, expectedVersion: null);
                var t4 = Stopwatch.GetTimestamp();
                ticks[0] += v0 - t0;
                ticks[1] += t2 - t1;
                ticks[2] += t3 - t2;
                ticks[3] += (t4 - t3) - (t2 - t1) - (t3 - t2);
                resources++;
            }

            var commit = Stopwatch.GetTimestamp();
            await session.CommitAsync();
            ticks[5] += Stopwatch.GetTimestamp() - commit;
        }

        var micros = ticks.Select(t => t * 1e6 / Stopwatch.Frequency / resources).ToArray();
        var http = 1e6 / httpResourcesPerSecond;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Write profile: {resources:N0} resources of {members:N0} more members written in-process on the loaded store ({indexRows / (double)resources:F1} index rows per resource).");
        text.AppendLine();
        text.AppendLine("| step | µs per resource | share of in-process |");
        text.AppendLine("|---|---|---|");
        for (var i = 0; i < Steps.Length; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Steps[i]} | {micros[i]:F0} | {micros[i] / micros.Sum():P0} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **in-process total** (one thread) | **{micros.Sum():F0}** | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| over HTTP: wall time per resource at the measured ingest rate | {http:F0} | |");
        return text.ToString();
    }

    /// <summary>The member's resources as JSON with ids taken from their urn:uuid and references rewritten, as a transaction would.</summary>
    private static List<(string Type, string Id, string Json)> Entries(Bundle bundle)
    {
        var ids = bundle.Entry.ToDictionary(e => e.FullUrl!, e => (e.Resource!.TypeName, Id: e.FullUrl!["urn:uuid:".Length..]), StringComparer.Ordinal);
        foreach (var reference in bundle.Entry.SelectMany(e => ResourceReferences.In(e.Resource!)))
        {
            if (reference.Reference is { } target && ids.TryGetValue(target, out var literal))
            {
                reference.Reference = literal.TypeName + "/" + literal.Id;
            }
        }

        return bundle.Entry.Select(e => (e.Resource!.TypeName, ids[e.FullUrl!].Id, JsonSerializer.Serialize(e.Resource!, FhirSerialization.Json))).ToList();
    }
}
