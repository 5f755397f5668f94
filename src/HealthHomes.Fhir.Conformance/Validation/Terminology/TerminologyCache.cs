using System.Collections.Concurrent;
using HealthHomes.Fhir.Conformance.Specification;

namespace HealthHomes.Fhir.Conformance.Validation.Terminology;

/// <summary>Expansions of one <see cref="ProfileSet"/>, each computed once on first use.</summary>
internal sealed class TerminologyCache(ProfileSet set)
{
    private readonly ConcurrentDictionary<string, ExpandedValueSet> _expansions = new(StringComparer.Ordinal);

    public ExpandedValueSet Expand(string valueSetUrl) =>
        _expansions.TryGetValue(valueSetUrl, out var known) ? known : _expansions.GetOrAdd(valueSetUrl, url => CodeSetExpander.Expand(set, url));
}
