using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// The caller's <see cref="AccessFilter"/> as a condition on a Resource row: resource types, member confinement
/// (<see cref="MemberCriterion"/>) and type restrictions (<see cref="TypeRestrictionCriterion"/>), AND'ed. Applied to
/// matches, counts, includes, chains, _has, read, vread, history and versions. Built once per request: the type
/// restrictions are compiled by the search parser here.
/// </summary>
internal sealed class AccessCriterion : SearchCriterion
{
    private readonly IReadOnlySet<string>? _types;
    private readonly MemberCriterion? _members;
    private readonly TypeRestrictionCriterion? _restrictions;

    public AccessCriterion(SearchParameterRegistry registry, AccessFilter access)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(access);
        _types = access.ResourceTypes;
        _members = access.Members is { } members ? MemberCriterion.Create(registry, members) : null;
        _restrictions = access.TypeRestrictions is { } restrictions ? TypeRestrictionCriterion.Create(registry, restrictions) : null;
    }

    public override string ToSql(SqlQuery query, string resource)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string>();
        if (_types is { } types)
        {
            parts.Add(types.Count == 0 ? "0 = 1" : $"{resource}.ResourceType IN ({string.Join(", ", types.Order(StringComparer.Ordinal).Select(t => query.Bind(t)))})");
        }

        if (_members is not null)
        {
            parts.Add(_members.ToSql(query, resource));
        }

        if (_restrictions is not null)
        {
            parts.Add(_restrictions.ToSql(query, resource));
        }

        // Parenthesized: callers append it to their own AND lists, and a restriction is an OR.
        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts.Select(p => "(" + p + ")"));
    }
}
