using System.Text.Json;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>_id: a comma list of logical ids, answered from Resource.LogicalId with one bound JSON array however long.</summary>
internal sealed class IdCriterion(IReadOnlyList<string> ids) : SearchCriterion
{
    public static SearchCriterion Create(string name, string? modifier, string value)
    {
        if (modifier is not null)
        {
            throw new UnsupportedSearchException(name, $"The modifier ':{modifier}' is not supported on '_id'.");
        }

        var ids = SearchValueSyntax.OrValues(value).Select(SearchValueSyntax.Unescape).Where(v => v.Length > 0).Distinct().ToArray();
        if (ids.Length == 0)
        {
            throw new InvalidSearchException("'_id' needs at least one id.", name);
        }

        return new IdCriterion(ids);
    }

    public override string ToSql(SqlQuery query, string resource)
        => ids.Count == 1
            ? $"{resource}.LogicalId = {query.Bind(ids[0])}"
            : $"{resource}.LogicalId IN (SELECT value FROM json_each({query.Bind(JsonSerializer.Serialize(ids))}))";
}

/// <summary>_lastUpdated: date prefixes over Resource.LastUpdated, a point in time (start = end).</summary>
internal sealed class LastUpdatedCriterion(IReadOnlyList<DateSearchValue> values) : SearchCriterion
{
    private readonly long _now = DateTime.UtcNow.Ticks;

    public static SearchCriterion Create(string name, string? modifier, string value)
    {
        if (modifier is not null)
        {
            throw new UnsupportedSearchException(name, $"The modifier ':{modifier}' is not supported on '_lastUpdated'.");
        }

        return new LastUpdatedCriterion(SearchValueSyntax.OrValues(value).Select(v => DateSearchValue.Parse(v, name)).ToArray());
    }

    public override string ToSql(SqlQuery query, string resource)
        => SqlQuery.AnyOf([.. values.Select(v => DateCriterion.Condition(query, v, $"{resource}.LastUpdated", $"{resource}.LastUpdated", _now))]);
}

/// <summary>_type (system-level search): the resource is of one of the listed types.</summary>
internal sealed class TypeCriterion(IReadOnlyList<string> types) : SearchCriterion
{
    public IReadOnlyList<string> Types { get; } = types;

    public override string ToSql(SqlQuery query, string resource)
        => $"{resource}.ResourceType IN ({string.Join(", ", Types.Select(t => query.Bind(t)))})";
}

/// <summary>The caller's <see cref="AccessFilter"/> as a condition on a Resource row; applied to matches, includes, chains and _has.</summary>
internal sealed class AccessCriterion(AccessFilter access) : SearchCriterion
{
    public override string ToSql(SqlQuery query, string resource)
    {
        var parts = new List<string>();
        if (access.ResourceTypes is { } types)
        {
            parts.Add(types.Count == 0 ? "0 = 1" : $"{resource}.ResourceType IN ({string.Join(", ", types.Order(StringComparer.Ordinal).Select(t => query.Bind(t)))})");
        }

        if (access.Compartment is { } c)
        {
            var a = query.Alias("a");
            var type = query.Bind(c.CompartmentType);
            var id = query.Bind(c.Id);
            parts.Add($"(({resource}.ResourceType = {type} AND {resource}.LogicalId = {id}) OR EXISTS (SELECT 1 FROM ReferenceIndex {a} "
                + $"WHERE {a}.ResourceKey = {resource}.ResourceKey AND {a}.TargetType = {type} AND {a}.TargetId = {id}))");
        }

        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }
}
