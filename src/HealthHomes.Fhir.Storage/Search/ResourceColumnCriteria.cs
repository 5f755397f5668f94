using System.Text.Json;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// _id: a comma list of logical ids, answered from Resource.LogicalId with one bound JSON array however long. When the
/// search is about one resource type, the ids are a key set read from the (ResourceType, LogicalId) index: the planner
/// starts from those rows rather than walking the type in key order and testing every row (a panel's batch of 100
/// members cost a scan of every Patient: quadratic in the panel).
/// </summary>
internal sealed class IdCriterion(IReadOnlyList<string> ids, string? resourceType) : SearchCriterion
{
    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (modifier is not null)
        {
            throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on '_id'.");
        }

        var ids = SearchValueSyntax.OrValues(value).Select(SearchValueSyntax.Unescape).Where(v => v.Length > 0).Distinct().ToArray();
        if (ids.Length == 0)
        {
            throw new InvalidSearchException("'_id' needs at least one id.", target.Name);
        }

        var types = target.Infos.Select(i => i.ResourceType).Distinct().ToArray();
        return new IdCriterion(ids, types.Length == 1 ? types[0] : null);
    }

    public override bool IsKeySet => resourceType is not null;

    public override string ToSql(SqlQuery query, string resource)
    {
        var values = ids.Count == 1 ? null : query.Bind(JsonSerializer.Serialize(ids));
        var single = ids.Count == 1 ? query.Bind(ids[0]) : null;
        string Match(string alias) => values is null ? $"{alias}.LogicalId = {single}" : $"{alias}.LogicalId IN (SELECT value FROM json_each({values}))";
        if (resourceType is null)
        {
            return Match(resource);
        }

        var i = query.Alias("i");
        return $"{resource}.ResourceKey IN (SELECT {i}.ResourceKey FROM Resource {i} WHERE {i}.ResourceType = {query.Bind(resourceType)} AND {Match(i)})";
    }
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
