using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// String search (https://hl7.org/fhir/R4/search.html#string): by default the normalised value starts with the
/// normalised search value; :exact compares the original value case- and accent-sensitively; :contains matches anywhere.
/// </summary>
internal static class StringCriterion
{
    /// <summary>
    /// Bounds every string that starts with a prefix: U+10FFFF is the largest code point, so (prefix, prefix + U+10FFFF)
    /// is a range the (SearchParameterId, Normalized) index can seek, under SQLite's binary collation of UTF-8.
    /// </summary>
    private const string AfterPrefix = "\U0010FFFF";

    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        if (modifier == "missing")
        {
            return MissingCriterion.Parse(target, value);
        }

        var values = SearchValueSyntax.OrValues(value).Select(SearchValueSyntax.Unescape).ToArray();
        if (values.Any(v => v.Trim().Length == 0))
        {
            throw new InvalidSearchException("An empty string value matches nothing.", target.Name);
        }

        return modifier switch
        {
            null => new IndexRowCriterion(target, values.Select(v => Starts(TextNormalizer.Normalize(v))).ToArray()),
            "exact" => new IndexRowCriterion(target, values.Select(Exact).ToArray()),
            "contains" => new IndexRowCriterion(target, values.Select(v => Contains(TextNormalizer.Normalize(v))).ToArray()),
            _ => throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on string parameter '{target.Code}'."),
        };
    }

    /// <summary>A starts-with test that can use an index on <paramref name="column"/>.</summary>
    internal static string StartsWith(SqlQuery q, string column, string prefix)
        => $"{column} >= {q.Bind(prefix)} AND {column} < {q.Bind(prefix + AfterPrefix)}";

    private static Func<SqlQuery, string, string> Starts(string normalized)
        => (q, x) => StartsWith(q, $"{x}.Normalized", normalized);

    private static Func<SqlQuery, string, string> Exact(string value)
        => (q, x) => $"{x}.Value = {q.Bind(value)}";

    private static Func<SqlQuery, string, string> Contains(string normalized)
        => (q, x) => $"instr({x}.Normalized, {q.Bind(normalized)}) > 0";
}
