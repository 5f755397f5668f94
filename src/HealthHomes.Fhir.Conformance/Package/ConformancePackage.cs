using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Conformance.Package;

/// <summary>
/// The server's own conformance resources: every <c>profiles/*.json</c> (StructureDefinition, CodeSystem, ValueSet,
/// SearchParameter, OperationDefinition), embedded in this assembly, parsed strictly once at startup. A file that
/// does not parse, is not named <c>&lt;resourceType&gt;-&lt;id&gt;.json</c>, or repeats a canonical url stops the
/// server with a <see cref="ConformancePackageException"/> naming the file.
/// </summary>
public sealed class ConformancePackage
{
    /// <summary>The canonical base of every package resource, e.g. https://fhir.healthhomes.example/StructureDefinition/hh-outreach-attempt.</summary>
    public const string CanonicalBase = "https://fhir.healthhomes.example";

    private const string ResourcePrefix = "profiles/";

    private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions().ForFhir(new FhirJsonConverterOptions());

    private readonly Dictionary<string, Resource> _byUrl;
    private readonly HashSet<(string Type, string Id)> _keys;

    private ConformancePackage(IReadOnlyList<Resource> resources)
    {
        Resources = resources;
        _keys = resources.Select(r => (r.TypeName, r.Id!)).ToHashSet();
        _byUrl = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var resource in resources.Where(r => CanonicalOf(r) is not null))
        {
            if (!_byUrl.TryAdd(CanonicalOf(resource)!, resource))
            {
                throw new ConformancePackageException($"{resource.TypeName}/{resource.Id}", $"the canonical url {CanonicalOf(resource)} is used twice.");
            }
        }

        Profiles = resources.OfType<StructureDefinition>()
            .Where(sd => sd.Derivation == StructureDefinition.TypeDerivationRule.Constraint && sd.Kind == StructureDefinition.StructureDefinitionKind.Resource)
            .ToList();
        SearchParameters = resources.OfType<SearchParameter>().ToList();
    }

    /// <summary>Every package resource, in file-name order.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The resource profiles (StructureDefinitions constraining a resource type); extensions are not among them.</summary>
    public IReadOnlyList<StructureDefinition> Profiles { get; }

    public IReadOnlyList<SearchParameter> SearchParameters { get; }

    /// <summary>The profile urls for each resource type, for CapabilityStatement.rest.resource.supportedProfile.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ProfilesByType()
        => Profiles.GroupBy(p => p.Type!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Url!).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    /// <summary>Whether [type]/[id] is a package resource (read-only for clients).</summary>
    public bool Contains(string resourceType, string id) => _keys.Contains((resourceType, id));

    /// <summary>The package resource with this canonical url (a trailing |version is ignored), or null.</summary>
    public Resource? FindByUrl(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var bar = canonical.IndexOf('|', StringComparison.Ordinal);
        return _byUrl.GetValueOrDefault(bar < 0 ? canonical : canonical[..bar]);
    }

    /// <summary>The package embedded in this assembly.</summary>
    public static ConformancePackage LoadEmbedded()
    {
        var assembly = typeof(ConformancePackage).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (Name: n[ResourcePrefix.Length..], Json: reader.ReadToEnd());
            });
        return Load(files);
    }

    /// <summary>Parses (file name, JSON) pairs into a package; any broken file throws <see cref="ConformancePackageException"/>.</summary>
    public static ConformancePackage Load(IEnumerable<(string Name, string Json)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var resources = files.Select(f => Parse(f.Name, f.Json)).ToList();
        if (resources.Count == 0)
        {
            throw new ConformancePackageException("profiles/", "no package resources were found (is profiles/*.json embedded?).");
        }

        return new ConformancePackage(resources);
    }

    /// <summary>Parses one file strictly and checks that its name is &lt;resourceType&gt;-&lt;id&gt;.json.</summary>
    public static Resource Parse(string fileName, string json)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        Resource? resource;
        try
        {
            resource = JsonSerializer.Deserialize<Resource>(json, Strict);
        }
        catch (DeserializationFailedException e)
        {
            throw new ConformancePackageException(fileName, string.Join("; ", e.Exceptions.Select(x => x.Message)), e);
        }
        catch (JsonException e)
        {
            throw new ConformancePackageException(fileName, $"not well-formed JSON: {e.Message}", e);
        }

        if (resource is null || string.IsNullOrEmpty(resource.Id))
        {
            throw new ConformancePackageException(fileName, "a package resource needs an id.");
        }

        var expected = $"{resource.TypeName}-{resource.Id}.json";
        if (!string.Equals(Path.GetFileName(fileName), expected, StringComparison.Ordinal))
        {
            throw new ConformancePackageException(fileName, $"the file holds {resource.TypeName}/{resource.Id}, so it must be named {expected}.");
        }

        return resource;
    }

    /// <summary>The canonical url of a conformance resource; null for other resources.</summary>
    public static string? CanonicalOf(Resource resource) => (resource as IVersionableConformanceResource)?.Url;
}
