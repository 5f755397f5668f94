using System.Collections.Frozen;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;

namespace HealthHomes.Fhir.Conformance.Specification;

/// <summary>
/// An immutable view of every definition the validator may use: the shipped R4 base definitions plus the extra
/// StructureDefinitions, ValueSets and CodeSystems (the package from profiles/, client uploads) as they were at one
/// moment. Differential-only StructureDefinitions already carry a generated snapshot here. A <see cref="ProfileSource"/>
/// replaces the whole set atomically when a definition is added, updated or removed, so readers never lock.
/// </summary>
public sealed class ProfileSet : IAsyncResourceResolver
{
    private readonly FrozenDictionary<string, ProfileEntry> _extras;

    internal ProfileSet(R4BaseDefinitions core, FrozenDictionary<string, ProfileEntry> extras, long generation)
    {
        Core = core;
        _extras = extras;
        Generation = generation;
    }

    public R4BaseDefinitions Core { get; }

    /// <summary>Increases with every swap in the owning <see cref="ProfileSource"/>.</summary>
    public long Generation { get; }

    /// <summary>The extra definitions (with generated snapshots), keyed by canonical URL.</summary>
    public IEnumerable<Resource> Extras => _extras.Values.Select(e => e.Resource);

    internal IReadOnlyDictionary<string, ProfileEntry> Entries => _extras;

    /// <summary>An extra definition with this canonical URL wins over a shipped one; a "|version" suffix is ignored.</summary>
    public Resource? Find(string canonical)
    {
        var url = Canonicals.WithoutVersion(canonical);
        return _extras.TryGetValue(url, out var entry) ? entry.Resource : Core.Find(url);
    }

    public StructureDefinition? FindStructureDefinition(string canonical) => Find(canonical) as StructureDefinition;

    public ValueSet? FindValueSet(string canonical) => Find(canonical) as ValueSet;

    public CodeSystem? FindCodeSystem(string canonical) => Find(canonical) as CodeSystem;

    /// <summary>
    /// Identifies the content behind a URL in this set: 0 for a shipped definition, else a number that changes
    /// whenever the definition (or, for a generated snapshot, anything it derives from) changes.
    /// </summary>
    public long StampOf(string canonical) =>
        _extras.TryGetValue(Canonicals.WithoutVersion(canonical), out var entry) ? entry.Stamp : 0;

    public Task<Resource?> ResolveByCanonicalUriAsync(string uri) => System.Threading.Tasks.Task.FromResult(Find(uri));

    public Task<Resource?> ResolveByUriAsync(string uri) => System.Threading.Tasks.Task.FromResult(Find(uri));

    public Task<ResolverResult> TryResolveByCanonicalUriAsync(string uri) =>
        System.Threading.Tasks.Task.FromResult(Find(uri) is { } r ? new ResolverResult(r) : new ResolverResult(new ResolverException(uri, $"{uri} is not known")));

    public Task<ResolverResult> TryResolveByUriAsync(string uri) => TryResolveByCanonicalUriAsync(uri);
}

/// <param name="Resource">The definition as used (for a differential-only StructureDefinition: a copy with its generated snapshot).</param>
/// <param name="Source">The definition as given by the caller.</param>
/// <param name="Stamp">Changes whenever <paramref name="Resource"/> changes.</param>
internal sealed record ProfileEntry(Resource Resource, Resource Source, long Stamp);
