using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>One condition on a resource row: renders a SQL boolean expression about the Resource alias it is given.</summary>
internal abstract class SearchCriterion
{
    /// <param name="resource">Alias of the Resource row the condition is about (matches, chained targets, _has sources).</param>
    public abstract string ToSql(SqlQuery query, string resource);

    /// <summary>True when the condition is a set of ResourceKeys read from an index (the planner should start there).</summary>
    public virtual bool IsKeySet => false;

    /// <summary>
    /// The same condition as a test of the one row <paramref name="resource"/> (access restrictions on reads, includes,
    /// chains): index criteria probe the rows of that resource instead of collecting every matching key of the
    /// table, which an uncorrelated IN would do once per statement however few rows it tests.
    /// </summary>
    public virtual string ToRowSql(SqlQuery query, string resource) => ToSql(query, resource);
}

/// <summary>A search parameter code resolved against the registry: one definition for a type-level search, one per type at system level.</summary>
internal sealed record ParameterTarget(string Name, string Code, SearchParamType Type, IReadOnlyList<SearchParameterInfo> Infos)
{
    public IReadOnlyList<int> Ids { get; } = Infos.Select(i => i.Id).Distinct().ToArray();

    public IndexKind? Kind => Infos[0].Kind;

    /// <summary>The reference target types the parameter allows (empty: any).</summary>
    public IReadOnlyList<string> Targets => Infos.SelectMany(i => i.Targets).Distinct().ToArray();
}

/// <summary>A parameter or modifier this store does not implement; reported (lenient) or rejected (strict), never treated as matching.</summary>
internal sealed class UnsupportedSearchException(string parameter, string reason) : Exception(reason)
{
    public string Parameter { get; } = parameter;
}

/// <summary>
/// The row-level building block of every indexed criterion: EXISTS (or NOT EXISTS) a row of the parameter's index
/// table, owned by the resource, whose values satisfy one of the OR'ed row conditions.
/// </summary>
internal sealed class IndexRowCriterion(ParameterTarget target, IReadOnlyList<Func<SqlQuery, string, string>> orConditions, bool negate = false)
    : SearchCriterion
{
    public override bool IsKeySet => !negate;

    public override string ToSql(SqlQuery query, string resource)
    {
        var table = IndexTables.Name(target.Kind ?? throw new InvalidOperationException("not an indexed parameter"));
        var x = query.Alias("x");
        var conditions = $"{SqlQuery.ParameterIdFilter(x, target.Ids)} AND {SqlQuery.AnyOf([.. orConditions.Select(c => c(query, x))])}";

        // Positive: an uncorrelated IN lets the planner drive the search from the index rows (no scan of the type).
        // Negative: NOT EXISTS per candidate row.
        return negate
            ? $"NOT EXISTS (SELECT 1 FROM {table} {x} WHERE {x}.ResourceKey = {resource}.ResourceKey AND {conditions})"
            : $"{resource}.ResourceKey IN (SELECT {x}.ResourceKey FROM {table} {x} WHERE {conditions})";
    }

    public override string ToRowSql(SqlQuery query, string resource)
    {
        if (negate)
        {
            return ToSql(query, resource);
        }

        var kind = target.Kind ?? throw new InvalidOperationException("not an indexed parameter");
        var x = query.Alias("x");
        var conditions = $"{SqlQuery.ParameterIdFilter(x, target.Ids)} AND {SqlQuery.AnyOf([.. orConditions.Select(c => c(query, x))])}";
        return $"EXISTS (SELECT 1 FROM {IndexTables.Name(kind)} {x} INDEXED BY {IndexTables.ResourceIndex(kind)} WHERE {x}.ResourceKey = {resource}.ResourceKey AND {conditions})";
    }
}

/// <summary>:missing=true|false: whether the resource has any indexable value for the parameter.</summary>
internal sealed class MissingCriterion(ParameterTarget target, bool missing) : SearchCriterion
{
    public static SearchCriterion Parse(ParameterTarget target, string value) => value switch
    {
        "true" => new MissingCriterion(target, true),
        "false" => new MissingCriterion(target, false),
        _ => throw new InvalidSearchException($"':missing' takes true or false, not '{value}'.", target.Name),
    };

    public override bool IsKeySet => !missing;

    public override string ToSql(SqlQuery query, string resource)
    {
        var kind = target.Kind ?? throw new InvalidOperationException("not an indexed parameter");
        var x = query.Alias("x");

        // A token row with only text (a CodeableConcept with no coding) is not an indexable value.
        var valueFilter = kind == IndexKind.Token ? $" AND {x}.Code IS NOT NULL" : "";
        var rows = $"{IndexTables.Name(kind)} {x} WHERE {SqlQuery.ParameterIdFilter(x, target.Ids)}{valueFilter}";
        return missing
            ? $"NOT EXISTS (SELECT 1 FROM {rows} AND {x}.ResourceKey = {resource}.ResourceKey)"
            : $"{resource}.ResourceKey IN (SELECT {x}.ResourceKey FROM {rows})";
    }

    public override string ToRowSql(SqlQuery query, string resource)
        => missing ? ToSql(query, resource) : "NOT " + new MissingCriterion(target, true).ToSql(query, resource);
}

/// <summary>All of the criteria hold (repeated parameters are AND'ed).</summary>
internal sealed class AllCriterion(IReadOnlyList<SearchCriterion> criteria) : SearchCriterion
{
    public override string ToSql(SqlQuery query, string resource)
        => criteria.Count == 0 ? "1 = 1" : string.Join(" AND ", criteria.Select(c => "(" + c.ToSql(query, resource) + ")"));

    public override string ToRowSql(SqlQuery query, string resource)
        => criteria.Count == 0 ? "1 = 1" : string.Join(" AND ", criteria.Select(c => "(" + c.ToRowSql(query, resource) + ")"));
}

/// <summary>The index table of each kind (names as in FhirDbContext).</summary>
internal static class IndexTables
{
    public static string Name(IndexKind kind) => kind switch
    {
        IndexKind.Token => "TokenIndex",
        IndexKind.String => "StringIndex",
        IndexKind.Date => "DateIndex",
        IndexKind.Reference => "ReferenceIndex",
        IndexKind.Number => "NumberIndex",
        IndexKind.Quantity => "QuantityIndex",
        IndexKind.Uri => "UriIndex",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The index of each table on ResourceKey (names as in FhirDbContext).</summary>
    public static string ResourceIndex(IndexKind kind) => "IX_" + Name(kind) + "_Resource";
}
