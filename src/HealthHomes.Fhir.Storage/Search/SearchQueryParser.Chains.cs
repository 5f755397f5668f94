using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Search;

internal sealed partial class SearchQueryParser
{
    /// <summary>
    /// reference[:Type].param[:modifier]=value, one level. Without :Type, every target type of the reference that has
    /// the chained parameter is tried; when none has it the search is invalid.
    /// </summary>
    private SearchCriterion ParseChain(string name, int dot, string value)
    {
        var (referenceCode, typeModifier) = SplitModifier(name[..dot]);
        var chained = name[(dot + 1)..];
        if (chained.Contains('.', StringComparison.Ordinal))
        {
            throw new UnsupportedSearchException(name, "Chains of more than one level are not supported.");
        }

        if (request.ResourceType is null)
        {
            throw new UnsupportedSearchException(name, "Chained parameters need a resource type.");
        }

        var reference = Resolve(request.ResourceType, referenceCode, name)
            ?? throw new UnsupportedSearchException(name, $"Unknown search parameter '{referenceCode}' for {request.ResourceType}.");
        if (reference.Type != SearchParamType.Reference)
        {
            throw new InvalidSearchException($"'{referenceCode}' is not a reference parameter and cannot be chained.", name);
        }

        var candidates = typeModifier is not null
            ? [ReferenceCriterion.TypeModifier(reference, typeModifier)]
            : reference.Targets;
        if (candidates.Count == 0)
        {
            throw new InvalidSearchException($"'{referenceCode}' may refer to any type: name one, e.g. '{referenceCode}:Patient.{chained}'.", name);
        }

        var (code, modifier) = SplitModifier(chained);
        var perType = new List<(string, SearchCriterion)>();
        foreach (var type in candidates)
        {
            if (Resolve(type, code, name) is { } target)
            {
                perType.Add((type, Build(target, modifier, value)));
            }
        }

        if (perType.Count == 0)
        {
            throw new InvalidSearchException($"None of the types '{referenceCode}' refers to ({string.Join(", ", candidates)}) has a parameter '{code}'.", name);
        }

        return new ChainCriterion(reference, perType, _access);
    }

    /// <summary>_has:Type:reference:param[:modifier]=value, one level (https://hl7.org/fhir/R4/search.html#has).</summary>
    private SearchCriterion ParseHas(string name, string value)
    {
        var parts = name.Split(':');
        if (parts.Length < 4 || parts[3] == "_has" || parts.Length > 5)
        {
            throw new UnsupportedSearchException(name, "'_has' takes _has:Type:reference:parameter[:modifier], one level.");
        }

        var (sourceType, referenceCode, code) = (parts[1], parts[2], parts[3]);
        var modifier = parts.Length == 5 ? parts[4] : null;
        if (!ModelInfo.IsKnownResource(sourceType))
        {
            throw new InvalidSearchException($"'{sourceType}' is not a resource type.", name);
        }

        var reference = Resolve(sourceType, referenceCode, name);
        if (reference is null || reference.Type != SearchParamType.Reference)
        {
            throw new InvalidSearchException($"'{referenceCode}' is not a reference parameter of {sourceType}.", name);
        }

        if (request.ResourceType is not null && reference.Targets.Count > 0 && !reference.Targets.Contains(request.ResourceType))
        {
            throw new InvalidSearchException($"{sourceType}.{referenceCode} cannot refer to a {request.ResourceType}.", name);
        }

        var target = Resolve(sourceType, code, name)
            ?? throw new InvalidSearchException($"Unknown search parameter '{code}' for {sourceType}.", name);
        return new HasCriterion(reference, Build(target, modifier, value), _access);
    }
}
