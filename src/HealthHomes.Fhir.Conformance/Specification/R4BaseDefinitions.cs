using System.Collections.Concurrent;
using System.IO.Compression;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;

namespace HealthHomes.Fhir.Conformance.Specification;

/// <summary>
/// The official FHIR R4 4.0.1 StructureDefinitions (with snapshots), ValueSets and CodeSystems, shipped inside this
/// assembly as one gzipped NDJSON resource (see scripts/refresh-r4-definitions.sh). The index of canonical URLs is
/// read once, on first use; each resource is parsed the first time it is asked for and kept. Thread-safe.
/// </summary>
public sealed class R4BaseDefinitions : IAsyncResourceResolver
{
    public const string CoreStructureDefinitionPrefix = "http://hl7.org/fhir/StructureDefinition/";
    private const string ResourceName = "HealthHomes.Fhir.Conformance.r4-definitions.ndjson.gz";

    private readonly Lazy<Dictionary<string, string>> _jsonByUrl = new(LoadIndex, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, Resource> _parsed = new(StringComparer.Ordinal);

    private R4BaseDefinitions()
    {
    }

    /// <summary>The one instance: the data never changes, so the process shares it.</summary>
    public static R4BaseDefinitions Instance { get; } = new();

    /// <summary>How many canonical resources are shipped.</summary>
    public int Count => _jsonByUrl.Value.Count;

    public IEnumerable<string> Urls => _jsonByUrl.Value.Keys;

    /// <summary>The shipped resource with this canonical URL (a "|version" suffix is ignored), parsed once.</summary>
    public Resource? Find(string canonical)
    {
        var url = Canonicals.WithoutVersion(canonical);
        if (_parsed.TryGetValue(url, out var known))
        {
            return known;
        }

        return _jsonByUrl.Value.TryGetValue(url, out var json) ? _parsed.GetOrAdd(url, _ => DefinitionJson.Parse(json)) : null;
    }

    /// <summary>
    /// True for the URL of a core resource or datatype definition (derivation specialization), as opposed to a core
    /// profile or extension. Constraints those define are checked by the base pass, never again by a profile pass.
    /// </summary>
    public static bool IsCoreTypeUrl(string url)
    {
        if (!url.StartsWith(CoreStructureDefinitionPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = url[CoreStructureDefinitionPrefix.Length..];
        return ModelInfo.IsKnownResource(name) || ModelInfo.IsDataType(name) || ModelInfo.IsPrimitive(name)
            || name is "Element" or "BackboneElement" or "Resource" or "DomainResource" or "Extension" or "Narrative" or "xhtml";
    }

    public Task<Resource?> ResolveByCanonicalUriAsync(string uri) => System.Threading.Tasks.Task.FromResult(Find(uri));

    public Task<Resource?> ResolveByUriAsync(string uri) => System.Threading.Tasks.Task.FromResult(Find(uri));

    public Task<ResolverResult> TryResolveByCanonicalUriAsync(string uri) =>
        System.Threading.Tasks.Task.FromResult(Find(uri) is { } r ? new ResolverResult(r) : new ResolverResult(new ResolverException(uri, $"{uri} is not a shipped R4 definition")));

    public Task<ResolverResult> TryResolveByUriAsync(string uri) => TryResolveByCanonicalUriAsync(uri);

    private static Dictionary<string, string> LoadIndex()
    {
        using var stream = typeof(R4BaseDefinitions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; run scripts/refresh-r4-definitions.sh.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var index = new Dictionary<string, string>(2200, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            // "<resourceType>\t<url>\t<json>"
            var first = line.IndexOf('\t');
            var second = line.IndexOf('\t', first + 1);
            index[line[(first + 1)..second]] = line[(second + 1)..];
        }

        return index;
    }
}
