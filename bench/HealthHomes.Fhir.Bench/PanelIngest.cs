using System.Diagnostics;
using System.Text.Json;
using HealthHomes.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Bench;

/// <summary>
/// What the ingest left in the store: every resource's "Type/id", each member's Patient id, and when the last 1,000
/// members were written (<paramref name="RecentStarted"/> to <paramref name="Finished"/>), whatever the panel's size.
/// </summary>
internal sealed record LoadedPanel(IReadOnlyList<string> Patients, IReadOnlyList<string> Resources, DateTimeOffset RecentStarted, DateTimeOffset Finished, TimeSpan IngestTime)
{
    public double ResourcesPerSecond => Resources.Count / IngestTime.TotalSeconds;
}

/// <summary>
/// Loads the synthetic panel: the provider directory, then each member's transaction Bundle, <c>parallelism</c> at a
/// time. Bundles are generated and serialized in chunks before each chunk's timed upload, so the figure is the
/// server's (plus HTTP), not the generator's. Without transactions (--ingest put), each entry is a PUT with its
/// urn:uuid turned into the id.
/// </summary>
internal sealed class PanelIngest(FhirConnection fhir, SyntheticPanel panel, bool byTransaction, int parallelism)
{
    private const int ChunkMembers = 1000;
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public async Task<LoadedPanel> RunAsync(Action<string> progress)
    {
        await UploadAsync(Serialize(SyntheticPanel.Directory())).ConfigureAwait(false);

        var patients = new string[panel.MemberCount];
        var resources = new List<string>(panel.MemberCount * 16);
        var timed = TimeSpan.Zero;
        var recentStarted = DateTimeOffset.UtcNow;
        for (var first = 0; first < panel.MemberCount; first += ChunkMembers)
        {
            var count = Math.Min(ChunkMembers, panel.MemberCount - first);
            var bodies = new Member[count];
            Parallel.For(0, count, i => bodies[i] = Serialize(panel.Member(first + i)));

            recentStarted = DateTimeOffset.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            var locations = new List<string>[count];
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                async (i, _) => locations[i] = await UploadAsync(bodies[i]).ConfigureAwait(false)).ConfigureAwait(false);
            timed += stopwatch.Elapsed;

            for (var i = 0; i < count; i++)
            {
                var literals = locations[i].Select(Literal).ToList();
                patients[first + i] = literals.First(l => l.StartsWith("Patient/", StringComparison.Ordinal))["Patient/".Length..];
                resources.AddRange(literals);
            }

            if ((first / ChunkMembers) % 10 == 9 || first + count == panel.MemberCount)
            {
                progress($"  ingested {first + count} members, {resources.Count} resources, {resources.Count / timed.TotalSeconds:F0} resources/s");
            }
        }

        return new LoadedPanel(patients, resources, recentStarted, DateTimeOffset.UtcNow, timed);
    }

    /// <summary>"Type/id" of a location, relative ("Type/id/_history/n") or absolute ("http://host/fhir/Type/id/_history/n").</summary>
    private static string Literal(string location)
    {
        var parts = location.Split('/');
        var history = Array.IndexOf(parts, "_history");
        var end = history < 0 ? parts.Length : history;
        return parts[end - 2] + "/" + parts[end - 1];
    }

    /// <summary>A member's upload: one transaction body, or one PUT body per entry.</summary>
    private sealed record Member(byte[]? Transaction, IReadOnlyList<(string Type, string Id, byte[] Body)> Puts);

    private Member Serialize(Bundle bundle)
    {
        if (byTransaction)
        {
            return new Member(JsonSerializer.SerializeToUtf8Bytes(bundle, Json), []);
        }

        var ids = bundle.Entry.Where(e => e.FullUrl?.StartsWith("urn:uuid:", StringComparison.Ordinal) == true)
            .ToDictionary(e => e.FullUrl!, e => e.Resource!.TypeName + "/" + e.FullUrl!["urn:uuid:".Length..], StringComparer.Ordinal);
        var puts = new List<(string, string, byte[])>();
        foreach (var entry in bundle.Entry)
        {
            var resource = entry.Resource!;
            resource.Id ??= ids[entry.FullUrl!].Split('/')[1];
            foreach (var reference in ResourceReferences.In(resource))
            {
                if (reference.Reference is { } target && ids.TryGetValue(target, out var literal))
                {
                    reference.Reference = literal;
                }
            }

            puts.Add((resource.TypeName, resource.Id, JsonSerializer.SerializeToUtf8Bytes(resource, Json)));
        }

        return new Member(null, puts);
    }

    private async Task<List<string>> UploadAsync(Member member)
    {
        if (member.Transaction is { } body)
        {
            return await fhir.PostBundleAsync(body).ConfigureAwait(false);
        }

        var locations = new List<string>(member.Puts.Count);
        foreach (var (type, id, put) in member.Puts)
        {
            await fhir.PutAsync(type, id, put).ConfigureAwait(false);
            locations.Add(type + "/" + id);
        }

        return locations;
    }
}
