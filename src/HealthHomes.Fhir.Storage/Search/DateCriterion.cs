namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Date search (https://hl7.org/fhir/R4/search.html#prefix, #date): both the search value and the resource value
/// are ranges [Start, End] of UTC ticks; the prefix says how they must relate.
/// </summary>
internal static class DateCriterion
{
    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        if (modifier == "missing")
        {
            return MissingCriterion.Parse(target, value);
        }

        if (modifier is not null)
        {
            throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on date parameter '{target.Code}'.");
        }

        var values = SearchValueSyntax.OrValues(value).Select(v => DateSearchValue.Parse(v, target.Name)).ToArray();
        var now = DateTime.UtcNow.Ticks;
        return new IndexRowCriterion(target, values
            .Select(v => (Func<SqlQuery, string, string>)((q, x) => Condition(q, v, $"{x}.Start", $"{x}.\"End\"", now)))
            .ToArray());
    }

    /// <summary>
    /// The prefix as a condition on a resource range [start, end] against the search range [vStart, vEnd]
    /// (R4 search.html, "prefix" table: the quoted wording is the spec's).
    /// </summary>
    internal static string Condition(SqlQuery q, DateSearchValue v, string start, string end, long nowTicks)
    {
        string S() => q.Bind(v.Start);
        string E() => q.Bind(v.End);
        var within = $"{start} >= {S()} AND {end} <= {E()}";
        return v.Prefix switch
        {
            // eq: "the range of the search value fully contains the range of the target value"
            "eq" => within,
            // ne: "the range of the search value does not fully contain the range of the target value"
            "ne" => $"NOT ({within})",
            // gt: "the range above the search value intersects (i.e. overlaps) with the range of the target value"
            "gt" => $"{end} > {E()}",
            // lt: "the range below the search value intersects (i.e. overlaps) with the range of the target value"
            "lt" => $"{start} < {S()}",
            // ge: "the range above the search value intersects ... or the range of the search value fully contains the range of the target value"
            "ge" => $"{end} > {E()} OR ({within})",
            // le: "the range below the search value intersects ... or the range of the search value fully contains the range of the target value"
            "le" => $"{start} < {S()} OR ({within})",
            // sa: "the range of the search value does not overlap with the range of the target value, and the range above the search value contains the range of the target value"
            "sa" => $"{start} > {E()}",
            // eb: "... and the range below the search value contains the range of the target value"
            "eb" => $"{end} < {S()}",
            // ap: "the range of the search value overlaps with the range of the target value" once widened by
            // 10% of the gap between the value and now (at least one day)
            "ap" => Approximately(q, v, start, end, nowTicks),
            _ => throw new InvalidOperationException(v.Prefix),
        };
    }

    private static string Approximately(SqlQuery q, DateSearchValue v, string start, string end, long nowTicks)
    {
        var gap = Math.Abs(nowTicks - v.Start);
        var widen = Math.Max(gap / 10, TimeSpan.TicksPerDay);
        var low = v.Start - Math.Min(widen, v.Start - DateTime.MinValue.Ticks);
        var high = v.End + Math.Min(widen, DateTime.MaxValue.Ticks - v.End);
        return $"{start} <= {q.Bind(high)} AND {end} >= {q.Bind(low)}";
    }
}
