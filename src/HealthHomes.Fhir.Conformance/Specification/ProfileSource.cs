using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Specification;

/// <summary>
/// The definitions the validator sees now. Writers (package load, uploads, deletes) are serialised and each builds a
/// new <see cref="ProfileSet"/> (generating the snapshots that changed) before swapping it in; readers take
/// <see cref="Current"/> once per validation and never wait.
/// </summary>
public sealed class ProfileSource
{
    private static long s_stamps;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private ProfileSet _current;

    public ProfileSource(R4BaseDefinitions core)
    {
        _current = new ProfileSet(core, FrozenDictionary<string, ProfileEntry>.Empty, 0);
    }

    public ProfileSet Current => Volatile.Read(ref _current);

    /// <summary>Replaces all extra definitions (e.g. the package at startup). Returns snapshot generation problems.</summary>
    public Task<IReadOnlyList<OperationOutcome.IssueComponent>> ReplaceAllAsync(IEnumerable<Resource> definitions, CancellationToken ct = default) =>
        SwapAsync(_ => Canonical(definitions).ToDictionary(r => r.Url, r => r.Resource, StringComparer.Ordinal), ct);

    /// <summary>Adds or replaces StructureDefinitions, ValueSets and CodeSystems by canonical URL.</summary>
    public Task<IReadOnlyList<OperationOutcome.IssueComponent>> AddOrUpdateAsync(IEnumerable<Resource> definitions, CancellationToken ct = default) =>
        SwapAsync(
            current =>
            {
                var next = current.ToDictionary(StringComparer.Ordinal);
                foreach (var (url, resource) in Canonical(definitions))
                {
                    next[url] = resource;
                }

                return next;
            },
            ct);

    /// <summary>Removes the extra definition with this canonical URL; a shipped definition of the same URL shows again.</summary>
    public Task<IReadOnlyList<OperationOutcome.IssueComponent>> RemoveAsync(string canonicalUrl, CancellationToken ct = default) =>
        SwapAsync(
            current =>
            {
                var next = current.ToDictionary(StringComparer.Ordinal);
                next.Remove(Canonicals.WithoutVersion(canonicalUrl));
                return next;
            },
            ct);

    internal static long NextStamp() => Interlocked.Increment(ref s_stamps);

    private async Task<IReadOnlyList<OperationOutcome.IssueComponent>> SwapAsync(
        Func<IReadOnlyDictionary<string, Resource>, Dictionary<string, Resource>> change, CancellationToken ct)
    {
        await _writer.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var before = Current;
            var sources = before.Entries.ToDictionary(e => e.Key, e => e.Value.Source, StringComparer.Ordinal);
            var after = change(sources);
            var (entries, issues) = await SnapshotBuilder.BuildAsync(before, after, ct).ConfigureAwait(false);
            Volatile.Write(ref _current, new ProfileSet(before.Core, entries.ToFrozenDictionary(StringComparer.Ordinal), before.Generation + 1));
            return issues;
        }
        finally
        {
            _writer.Release();
        }
    }

    private static IEnumerable<(string Url, Resource Resource)> Canonical(IEnumerable<Resource> definitions)
    {
        foreach (var resource in definitions)
        {
            var url = resource switch
            {
                StructureDefinition sd => sd.Url,
                ValueSet vs => vs.Url,
                CodeSystem cs => cs.Url,
                _ => throw new ArgumentException($"Only StructureDefinition, ValueSet and CodeSystem are profile sources, not {resource.TypeName}."),
            };
            if (string.IsNullOrEmpty(url))
            {
                throw new ArgumentException($"{resource.TypeName}/{resource.Id} has no canonical url.");
            }

            yield return (Canonicals.WithoutVersion(url), resource);
        }
    }
}
