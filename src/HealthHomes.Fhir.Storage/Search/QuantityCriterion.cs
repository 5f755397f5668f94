namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Quantity search (https://hl7.org/fhir/R4/search.html#quantity): <c>[prefix]number|system|code</c>,
/// <c>number||code</c> (code or unit, any system) and <c>number</c> (any unit). Units are compared as written (no UCUM conversion).
/// </summary>
internal static class QuantityCriterion
{
    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        if (modifier == "missing")
        {
            return MissingCriterion.Parse(target, value);
        }

        if (modifier is not null)
        {
            throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on quantity parameter '{target.Code}'.");
        }

        return new IndexRowCriterion(target, SearchValueSyntax.OrValues(value).Select(v => Match(target, v)).ToArray());
    }

    private static Func<SqlQuery, string, string> Match(ParameterTarget target, string raw)
    {
        var parts = SearchValueSyntax.Split(raw, '|').Select(SearchValueSyntax.Unescape).ToArray();
        if (parts.Length is not (1 or 3))
        {
            throw new InvalidSearchException($"'{raw}' is not a quantity: use [prefix]number, number|system|code or number||code.", target.Name);
        }

        var number = NumberSearchValue.Parse(parts[0], target.Name);
        var system = parts.Length == 3 && parts[1].Length > 0 ? parts[1] : null;
        var code = parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null;
        return (q, x) =>
        {
            var condition = number.Condition(q, x);
            if (system is not null && code is not null)
            {
                condition += $" AND {x}.System = {q.Bind(system)} AND {x}.Code = {q.Bind(code)}";
            }
            else if (code is not null)
            {
                var c = q.Bind(code);
                condition += $" AND ({x}.Code = {c} OR {x}.Unit = {c})";
            }
            else if (system is not null)
            {
                condition += $" AND {x}.System = {q.Bind(system)}";
            }

            return condition;
        };
    }
}
