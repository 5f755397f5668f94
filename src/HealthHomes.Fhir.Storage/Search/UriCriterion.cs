namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// URI search (https://hl7.org/fhir/R4/search.html#uri): exact by default; :below matches the value and every URI
/// under it (path prefix); :above matches the value and every URI it is under.
/// </summary>
internal static class UriCriterion
{
    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        if (modifier == "missing")
        {
            return MissingCriterion.Parse(target, value);
        }

        var values = SearchValueSyntax.OrValues(value).Select(SearchValueSyntax.Unescape).ToArray();
        if (values.Any(v => v.Length == 0))
        {
            throw new InvalidSearchException("An empty URI matches nothing.", target.Name);
        }

        return modifier switch
        {
            null => new IndexRowCriterion(target, values.Select(v => (Func<SqlQuery, string, string>)((q, x) => $"{x}.Uri = {q.Bind(v)}")).ToArray()),
            "below" => new IndexRowCriterion(target, values.Select(Below).ToArray()),
            "above" => new IndexRowCriterion(target, values.Select(Above).ToArray()),
            _ => throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on uri parameter '{target.Code}'."),
        };
    }

    private static Func<SqlQuery, string, string> Below(string uri)
    {
        var under = uri.TrimEnd('/') + "/";
        return (q, x) => $"{x}.Uri = {q.Bind(uri)} OR ({StringCriterion.StartsWith(q, $"{x}.Uri", under)})";
    }

    private static Func<SqlQuery, string, string> Above(string uri)
        => (q, x) =>
        {
            var v = q.Bind(uri);
            return $"{x}.Uri = {v} OR (length({x}.Uri) < length({v}) AND substr({v}, 1, length({x}.Uri) + 1) = {x}.Uri || '/')";
        };
}
