using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Snapshot;
using Hl7.Fhir.Specification.Source;

namespace HealthHomes.Fhir.Conformance.Specification;

/// <summary>
/// Builds the entries of a new <see cref="ProfileSet"/>: keeps unchanged entries (and their stamps), and runs
/// Hl7.Fhir.Conformance's <see cref="SnapshotGenerator"/> for each differential-only StructureDefinition that is new,
/// changed, or derives (through baseDefinition) from one that is.
/// </summary>
internal static class SnapshotBuilder
{
    public static async Task<(Dictionary<string, ProfileEntry> Entries, IReadOnlyList<OperationOutcome.IssueComponent> Issues)> BuildAsync(
        ProfileSet before, IReadOnlyDictionary<string, Resource> sources, CancellationToken ct)
    {
        var previous = before.Entries;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (url, source) in sources)
        {
            if (!previous.TryGetValue(url, out var old) || !ReferenceEquals(old.Source, source))
            {
                changed.Add(url);
            }
        }

        changed.UnionWith(previous.Keys.Where(url => !sources.ContainsKey(url)));

        var entries = new Dictionary<string, ProfileEntry>(StringComparer.Ordinal);
        var toGenerate = new List<(string Url, StructureDefinition Copy, int Depth)>();
        foreach (var (url, source) in sources)
        {
            var needsSnapshot = source is StructureDefinition sd && !(sd.Snapshot?.Element.Count > 0);
            if (needsSnapshot && (changed.Contains(url) || DerivesFromAny(url, sources, changed)))
            {
                var copy = (StructureDefinition)source.DeepCopy();
                toGenerate.Add((url, copy, Depth(url, sources)));
                entries[url] = new ProfileEntry(copy, source, ProfileSource.NextStamp());
            }
            else
            {
                entries[url] = !changed.Contains(url) && previous.TryGetValue(url, out var kept)
                    ? kept
                    : new ProfileEntry(source, source, ProfileSource.NextStamp());
            }
        }

        var issues = new List<OperationOutcome.IssueComponent>();
        if (toGenerate.Count == 0)
        {
            return (entries, issues);
        }

        var resolver = new EntriesResolver(entries, before.Core);
        var generator = new SnapshotGenerator(resolver, new SnapshotGeneratorSettings
        {
            GenerateElementIds = true,
            GenerateSnapshotForExternalProfiles = true,
            ForceRegenerateSnapshots = false,
        });
        foreach (var (url, copy, _) in toGenerate.OrderBy(g => g.Depth))
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await generator.UpdateAsync(copy).ConfigureAwait(false);
                if (generator.Outcome is { } outcome)
                {
                    issues.AddRange(outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal));
                }
            }
#pragma warning disable CA1031 // one bad upload must not stop the others; the problem is reported as an issue
            catch (Exception e)
#pragma warning restore CA1031
            {
                issues.Add(new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = OperationOutcome.IssueType.Processing,
                    Diagnostics = $"Snapshot generation failed for {url}: {e.Message}",
                });
            }
        }

        return (entries, issues);
    }

    private static bool DerivesFromAny(string url, IReadOnlyDictionary<string, Resource> sources, HashSet<string> changed)
    {
        var current = url;
        for (var guard = 0; guard < 32 && sources.GetValueOrDefault(current) is StructureDefinition sd && sd.BaseDefinition is { } baseUrl; guard++)
        {
            current = Canonicals.WithoutVersion(baseUrl);
            if (changed.Contains(current))
            {
                return true;
            }
        }

        return false;
    }

    private static int Depth(string url, IReadOnlyDictionary<string, Resource> sources)
    {
        var depth = 0;
        var current = url;
        while (depth < 32 && sources.GetValueOrDefault(current) is StructureDefinition sd && sd.BaseDefinition is { } baseUrl)
        {
            current = Canonicals.WithoutVersion(baseUrl);
            depth++;
        }

        return depth;
    }

    /// <summary>The entries under construction over the shipped definitions, for the generator to resolve bases and types.</summary>
    private sealed class EntriesResolver(Dictionary<string, ProfileEntry> entries, R4BaseDefinitions core) : IAsyncResourceResolver
    {
        private Resource? Find(string canonical)
        {
            var url = Canonicals.WithoutVersion(canonical);
            return entries.TryGetValue(url, out var entry) ? entry.Resource : core.Find(url);
        }

        public Task<Resource?> ResolveByCanonicalUriAsync(string uri) => System.Threading.Tasks.Task.FromResult(Find(uri));

        public Task<Resource?> ResolveByUriAsync(string uri) => System.Threading.Tasks.Task.FromResult(Find(uri));

        public Task<ResolverResult> TryResolveByCanonicalUriAsync(string uri) =>
            System.Threading.Tasks.Task.FromResult(Find(uri) is { } r ? new ResolverResult(r) : new ResolverResult(new ResolverException(uri, $"{uri} is not known")));

        public Task<ResolverResult> TryResolveByUriAsync(string uri) => TryResolveByCanonicalUriAsync(uri);
    }
}
