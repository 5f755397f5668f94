using System.Globalization;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Number search (https://hl7.org/fhir/R4/search.html#number). A resource value is the centre of its indexed
/// [Low, High] range; "eq 100" matches values in [99.5, 100.5), the range the search value's precision implies.
/// </summary>
internal static class NumberCriterion
{
    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        if (modifier == "missing")
        {
            return MissingCriterion.Parse(target, value);
        }

        if (modifier is not null)
        {
            throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on number parameter '{target.Code}'.");
        }

        var values = SearchValueSyntax.OrValues(value).Select(v => NumberSearchValue.Parse(SearchValueSyntax.Unescape(v), target.Name)).ToArray();
        return new IndexRowCriterion(target, values.Select(v => (Func<SqlQuery, string, string>)((q, x) => v.Condition(q, x))).ToArray());
    }
}

/// <summary>A prefixed number with the range its precision implies (100 -> [99.5, 100.5); 100.0 -> [99.95, 100.05)).</summary>
internal sealed record NumberSearchValue(string Prefix, double Value, double Low, double High)
{
    public static NumberSearchValue Parse(string raw, string parameter)
    {
        var (prefix, text) = SearchValueSyntax.Prefix(raw);
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
        {
            throw new InvalidSearchException($"'{raw}' is not a number.", parameter);
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt >= 0 ? text[..exponentAt] : text;
        var decimals = dot >= 0 ? mantissa.Length - dot - 1 : 0;
        var exponent = exponentAt >= 0 ? int.Parse(text[(exponentAt + 1)..], CultureInfo.InvariantCulture) : 0;
        var half = 0.5 * Math.Pow(10, exponent - decimals);
        var v = (double)number;
        return new NumberSearchValue(prefix, v, v - half, v + half);
    }

    /// <summary>The condition on an index row (Low, High); the resource's value is the centre of its range.</summary>
    public string Condition(SqlQuery q, string x)
    {
        var centre = $"(({x}.Low + {x}.High) / 2.0)";

        // Half-open edges absorb floating point noise in the centre: the tolerance is far below any precision written in a URL.
        var tolerance = Math.Max(Math.Abs(Value), 1) * 1e-12;
        return Prefix switch
        {
            "eq" => $"{centre} >= {q.Bind(Low - tolerance)} AND {centre} < {q.Bind(High - tolerance)}",
            "ne" => $"NOT ({centre} >= {q.Bind(Low - tolerance)} AND {centre} < {q.Bind(High - tolerance)})",
            "lt" => $"{centre} < {q.Bind(Value - tolerance)}",
            "le" => $"{centre} <= {q.Bind(Value + tolerance)}",
            "gt" => $"{centre} > {q.Bind(Value + tolerance)}",
            "ge" => $"{centre} >= {q.Bind(Value - tolerance)}",
            // sa/eb: the resource's whole range lies above/below the search value's range.
            "sa" => $"{x}.Low >= {q.Bind(High)}",
            "eb" => $"{x}.High <= {q.Bind(Low)}",
            // ap: within 10% of the value (the spec's recommendation).
            "ap" => $"{centre} >= {q.Bind(Value - (Math.Abs(Value) * 0.1) - tolerance)} AND {centre} <= {q.Bind(Value + (Math.Abs(Value) * 0.1) + tolerance)}",
            _ => throw new InvalidOperationException(Prefix),
        };
    }
}
