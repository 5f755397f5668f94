using System.Collections.Concurrent;
using HealthHomes.Fhir.Conformance.Specification;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>
/// Compiled plans by (canonical url, stamp). The stamp changes when an extra definition is replaced, so an updated
/// profile compiles anew while unchanged ones (and all shipped ones, stamp 0) are compiled once per process.
/// </summary>
internal sealed class PlanCache(PlanCompiler compiler)
{
    private readonly ConcurrentDictionary<(string Url, long Stamp), Lazy<ValidationPlan?>> _plans = new();
    private readonly ConcurrentDictionary<string, ValidationPlan?> _coreTypes = new(StringComparer.Ordinal);
    private int _compileCount;

    /// <summary>How many StructureDefinitions were compiled (tests prove caching with it).</summary>
    public int CompileCount => Volatile.Read(ref _compileCount);

    public ValidationPlan? Get(ProfileSet set, string canonical)
    {
        var url = Canonicals.WithoutVersion(canonical);
        var key = (url, set.StampOf(url));
        if (_plans.TryGetValue(key, out var known))
        {
            return known.Value;
        }

        return _plans.GetOrAdd(key, _ => new Lazy<ValidationPlan?>(() => CompileOrNull(set, url))).Value;
    }

    /// <summary>The base plan of a core resource or datatype by type name (no string building on the hot path).</summary>
    public ValidationPlan? GetCoreType(ProfileSet set, string typeName) =>
        _coreTypes.TryGetValue(typeName, out var plan)
            ? plan
            : _coreTypes.GetOrAdd(typeName, name => Get(set, R4BaseDefinitions.CoreStructureDefinitionPrefix + name));

    private ValidationPlan? CompileOrNull(ProfileSet set, string url)
    {
        if (set.FindStructureDefinition(url) is not { Snapshot.Element.Count: > 0 } sd)
        {
            return null;
        }

        Interlocked.Increment(ref _compileCount);
        return compiler.Compile(sd, set);
    }
}
