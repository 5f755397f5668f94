using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// <see cref="AccessFilter.TypeRestrictions"/> as a condition on a Resource row r: a resource of a restricted type
/// matches one of its type's AND-lists; other types pass.
/// <code>
/// r.ResourceType NOT IN ('Observation', ...) OR (r.ResourceType = 'Observation' AND ((a AND b) OR (c))) OR ...
/// </code>
/// Each (name, value) is compiled by <see cref="SearchQueryParser"/> as a search on the type would compile it (token,
/// reference, string, date, modifiers, chains...). An AND-list with a parameter the parser cannot apply is dropped
/// (it matches nothing); a type left with no AND-list is invisible.
/// </summary>
internal sealed class TypeRestrictionCriterion(IReadOnlyList<(string Type, IReadOnlyList<SearchCriterion> AnyOf)> types) : SearchCriterion
{
    public static TypeRestrictionCriterion Create(
        SearchParameterRegistry registry, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>> restrictions)
    {
        ArgumentNullException.ThrowIfNull(restrictions);
        var types = new List<(string, IReadOnlyList<SearchCriterion>)>();
        foreach (var (type, anyOf) in restrictions.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var parser = new SearchQueryParser(registry, new SearchRequest(type, [], StrictHandling: true), AccessFilter.Everything);
            var lists = new List<SearchCriterion>();
            foreach (var allOf in anyOf ?? [])
            {
                var criteria = (allOf ?? []).Select(p => parser.ParseRestriction(p.Key, p.Value)).ToArray();
                if (criteria.All(c => c is not null))
                {
                    lists.Add(new AllCriterion(criteria!));
                }
            }

            types.Add((type, lists));
        }

        return new TypeRestrictionCriterion(types);
    }

    public override string ToSql(SqlQuery query, string resource)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (types.Count == 0)
        {
            return "1 = 1";
        }

        var parts = new List<string> { $"{resource}.ResourceType NOT IN ({string.Join(", ", types.Select(t => query.Bind(t.Type)))})" };
        foreach (var (type, anyOf) in types.Where(t => t.AnyOf.Count > 0))
        {
            parts.Add($"({resource}.ResourceType = {query.Bind(type)} AND {SqlQuery.AnyOf([.. anyOf.Select(c => c.ToRowSql(query, resource))])})");
        }

        return "(" + string.Join(" OR ", parts) + ")";
    }
}
