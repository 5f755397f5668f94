using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Turns the request's query parameters into a <see cref="SearchPlan"/>: each search parameter occurrence becomes one
/// criterion (its comma values OR'ed; occurrences AND'ed). Unknown or unsupported parameters and modifiers are
/// collected (lenient) or rejected (strict), never treated as matching.
/// </summary>
internal sealed partial class SearchQueryParser(SearchParameterRegistry registry, SearchRequest request, AccessFilter access)
{
    /// <summary>Parameters the REST layer owns: consumed here, neither reported nor echoed.</summary>
    private static readonly HashSet<string> Presentation = ["_summary", "_elements", "_format", "_pretty"];

    /// <summary>Known R4 parameters this store does not implement.</summary>
    private static readonly HashSet<string> Unsupported = ["_text", "_content", "_query", "_filter", "_list", "_contained", "_containedType", "_has"];

    private readonly AccessCriterion _access = new(registry, access);
    private IReadOnlyList<string>? _types;

    /// <summary>The caller's access filter, compiled once for every statement of the search.</summary>
    public AccessCriterion Access => _access;

    public SearchPlan Parse()
    {
        if (request.ResourceType is { } type && !ModelInfo.IsKnownResource(type))
        {
            throw new InvalidSearchException($"'{type}' is not a resource type.");
        }

        var plan = new SearchPlan { ResourceType = request.ResourceType };
        ParseTypes(plan);
        foreach (var (name, value) in request.Parameters)
        {
            try
            {
                if (ParseResultParameter(plan, name, value) || name == "_type")
                {
                    continue;
                }

                plan.Criteria.Add(ParseCriterion(name, value));
                plan.Self.Add(new(name, value));
            }
            catch (UnsupportedSearchException e)
            {
                Ignore(plan, e.Parameter, e.Message);
            }
        }

        return plan;
    }

    /// <summary>
    /// One (name, value) of an access restriction (<see cref="AccessFilter.TypeRestrictions"/>) as a criterion on the
    /// request's type, compiled as the search would; null when it cannot be applied: unknown, unsupported or invalid,
    /// or a parameter that is no condition (_count, _sort, _include, _type, ...).
    /// </summary>
    public SearchCriterion? ParseRestriction(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return request.ResourceType is null || !ModelInfo.IsKnownResource(request.ResourceType) || name == "_type"
                || ParseResultParameter(new SearchPlan { ResourceType = request.ResourceType }, name, value)
                ? null
                : ParseCriterion(name, value);
        }
        catch (Exception e) when (e is UnsupportedSearchException or InvalidSearchException)
        {
            return null;
        }
    }

    private void Ignore(SearchPlan plan, string name, string reason)
    {
        if (request.StrictHandling)
        {
            throw new InvalidSearchException(reason, name);
        }

        plan.Ignored.Add(name);
    }

    /// <summary>_type restricts a system-level search, and the parameters other codes resolve against.</summary>
    private void ParseTypes(SearchPlan plan)
    {
        var values = request.Parameters.Where(p => p.Key == "_type").ToArray();
        if (values.Length == 0)
        {
            return;
        }

        if (request.ResourceType is not null)
        {
            Ignore(plan, "_type", "'_type' applies to system-level searches only.");
            return;
        }

        var sets = values.Select(v => SearchValueSyntax.OrValues(v.Value).Select(SearchValueSyntax.Unescape).ToHashSet(StringComparer.Ordinal)).ToArray();
        foreach (var t in sets.SelectMany(s => s).Where(t => !ModelInfo.IsKnownResource(t)))
        {
            throw new InvalidSearchException($"'{t}' is not a resource type.", "_type");
        }

        var types = sets.Aggregate((a, b) => [.. a.Intersect(b)]).Order(StringComparer.Ordinal).ToArray();
        _types = types;
        plan.Criteria.Add(new TypeCriterion(types));
        plan.Self.AddRange(values);
    }

    private SearchCriterion ParseCriterion(string name, string value)
    {
        // _id binds its list as one JSON array, however long; other parameters build one condition per value.
        if (name != "_id" && SearchValueSyntax.OrValues(value).Count > SearchPlan.MaxOrValues)
        {
            throw new InvalidSearchException($"'{name}' has more than {SearchPlan.MaxOrValues} comma-separated values; split the search.", name);
        }

        if (name.StartsWith("_has:", StringComparison.Ordinal))
        {
            return ParseHas(name, value);
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            return ParseChain(name, dot, value);
        }

        var (code, modifier) = SplitModifier(name);
        if (Unsupported.Contains(code))
        {
            throw new UnsupportedSearchException(name, $"The parameter '{code}' is not supported.");
        }

        var target = Resolve(request.ResourceType, code, name)
            ?? throw new UnsupportedSearchException(name, $"Unknown search parameter '{code}'" + (request.ResourceType is null ? "." : $" for {request.ResourceType}."));
        return Build(target, modifier, value);
    }

    /// <summary>The criterion for one parameter (already resolved) with its optional modifier.</summary>
    private static SearchCriterion Build(ParameterTarget target, string? modifier, string value)
    {
        switch (target.Code)
        {
            case "_id":
                return IdCriterion.Create(target, modifier, value);
            case "_lastUpdated":
                return LastUpdatedCriterion.Create(target.Name, modifier, value);
        }

        if (target.Kind is null)
        {
            throw new UnsupportedSearchException(target.Name, $"The {target.Type.ToString().ToLowerInvariant()} parameter '{target.Code}' is not supported.");
        }

        return target.Type switch
        {
            SearchParamType.Token => TokenCriterion.Create(target, modifier, value),
            SearchParamType.String => StringCriterion.Create(target, modifier, value),
            SearchParamType.Date => DateCriterion.Create(target, modifier, value),
            SearchParamType.Reference => ReferenceCriterion.Create(target, modifier, value),
            SearchParamType.Number => NumberCriterion.Create(target, modifier, value),
            SearchParamType.Quantity => QuantityCriterion.Create(target, modifier, value),
            SearchParamType.Uri => UriCriterion.Create(target, modifier, value),
            _ => throw new UnsupportedSearchException(target.Name, $"The parameter '{target.Code}' is not supported."),
        };
    }

    /// <summary>
    /// A code on a resource type; at system level, the code on every type searched (_type, else all), which must
    /// agree on the parameter type. Null when no type has it.
    /// </summary>
    private ParameterTarget? Resolve(string? resourceType, string code, string name)
    {
        if (resourceType is not null)
        {
            return registry.TryGet(resourceType, code, out var info) ? new ParameterTarget(name, code, info.Type, [info]) : null;
        }

        var infos = _types is null
            ? registry.All.Where(i => i.Code == code).OrderBy(i => i.ResourceType, StringComparer.Ordinal).ToArray()
            : _types.Select(t => registry.TryGet(t, code, out var i) ? i : null).OfType<SearchParameterInfo>().ToArray();
        if (infos.Length == 0)
        {
            return null;
        }

        if (infos.Select(i => i.Type).Distinct().Count() > 1 || infos.Select(i => i.Kind).Distinct().Count() > 1)
        {
            throw new UnsupportedSearchException(name, $"'{code}' has different types across resource types; narrow the search with _type or a resource type.");
        }

        return new ParameterTarget(name, code, infos[0].Type, infos);
    }

    private static (string Code, string? Modifier) SplitModifier(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (name, null) : (name[..colon], name[(colon + 1)..]);
    }
}
