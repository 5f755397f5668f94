namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// One level of chaining (https://hl7.org/fhir/R4/search.html#chaining), e.g. Task?patient.identifier=sys|val:
/// a reference row of the resource points at a current resource of one of the target types that meets the
/// criterion for that type. The target must also be visible to the caller.
/// </summary>
internal sealed class ChainCriterion(
    ParameterTarget reference,
    IReadOnlyList<(string TargetType, SearchCriterion Criterion)> targets,
    SearchCriterion access) : SearchCriterion
{
    public override bool IsKeySet => true;

    public override string ToSql(SqlQuery query, string resource)
    {
        var c = query.Alias("c");
        var t = query.Alias("t");
        var perType = targets.Select(x => $"({t}.ResourceType = {query.Bind(x.TargetType)} AND {x.Criterion.ToSql(query, t)})");
        return $"{resource}.ResourceKey IN (SELECT {c}.ResourceKey FROM ReferenceIndex {c} JOIN Resource {t} ON {t}.ResourceType = {c}.TargetType AND {t}.LogicalId = {c}.TargetId "
            + $"WHERE {SqlQuery.ParameterIdFilter(c, reference.Ids)} AND {t}.IsDeleted = 0 "
            + $"AND ({string.Join(" OR ", perType)}) AND ({access.ToSql(query, t)}))";
    }
}

/// <summary>
/// Reverse chaining, one level (https://hl7.org/fhir/R4/search.html#has), e.g. Patient?_has:Observation:patient:code=1234-5:
/// some current resource of the source type refers to this resource through the parameter and meets the criterion.
/// </summary>
internal sealed class HasCriterion(ParameterTarget sourceReference, SearchCriterion criterion, SearchCriterion access) : SearchCriterion
{
    public override string ToSql(SqlQuery query, string resource)
    {
        var h = query.Alias("h");
        var s = query.Alias("s");
        return $"({resource}.ResourceType, {resource}.LogicalId) IN (SELECT {h}.TargetType, {h}.TargetId FROM ReferenceIndex {h} JOIN Resource {s} ON {s}.ResourceKey = {h}.ResourceKey "
            + $"WHERE {SqlQuery.ParameterIdFilter(h, sourceReference.Ids)} "
            + $"AND {s}.IsDeleted = 0 AND ({criterion.ToSql(query, s)}) AND ({access.ToSql(query, s)}))";
    }
}
