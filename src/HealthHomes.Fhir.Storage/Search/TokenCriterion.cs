using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Token search (https://hl7.org/fhir/R4/search.html#token): <c>code</c>, <c>system|code</c>, <c>|code</c>,
/// <c>system|</c>; modifiers :not, :text, :of-type (identifiers) and :missing.
/// </summary>
internal static class TokenCriterion
{
    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        if (modifier == "missing")
        {
            return MissingCriterion.Parse(target, value);
        }

        var values = SearchValueSyntax.OrValues(value);
        return modifier switch
        {
            null => new IndexRowCriterion(target, values.Select(v => Match(target, v)).ToArray()),
            "not" => new IndexRowCriterion(target, values.Select(v => Match(target, v)).ToArray(), negate: true),
            "text" => new IndexRowCriterion(target, values.Select(v => Text(v)).ToArray()),
            "of-type" => new IndexRowCriterion(target, values.Select(v => OfType(target, v)).ToArray()),
            _ => throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on token parameter '{target.Code}'."),
        };
    }

    /// <summary>One token value as a row condition over TokenIndex (System, Code).</summary>
    internal static Func<SqlQuery, string, string> Match(ParameterTarget target, string raw)
    {
        var parts = SearchValueSyntax.Split(raw, '|');
        if (parts.Count > 2)
        {
            throw new InvalidSearchException($"The token '{raw}' has more than one '|'.", target.Name);
        }

        if (parts.Count == 1)
        {
            var code = Required(target, SearchValueSyntax.Unescape(parts[0]));
            return (q, x) => $"{x}.Code = {q.Bind(code)}";
        }

        var system = SearchValueSyntax.Unescape(parts[0]);
        var codeOrEmpty = SearchValueSyntax.Unescape(parts[1]);
        if (system.Length == 0 && codeOrEmpty.Length == 0)
        {
            throw new InvalidSearchException("The token '|' names neither a system nor a code.", target.Name);
        }

        if (system.Length == 0)
        {
            // |code: the code with no system.
            return (q, x) => $"{x}.Code = {q.Bind(codeOrEmpty)} AND {x}.System IS NULL";
        }

        if (codeOrEmpty.Length == 0)
        {
            // system|: any code in the system.
            return (q, x) => $"{x}.System = {q.Bind(system)} AND {x}.Code IS NOT NULL";
        }

        return (q, x) => $"{x}.Code = {q.Bind(codeOrEmpty)} AND {x}.System = {q.Bind(system)}";
    }

    private static Func<SqlQuery, string, string> Text(string raw)
    {
        var text = TextNormalizer.Normalize(SearchValueSyntax.Unescape(raw));
        return (q, x) => StringCriterion.StartsWith(q, $"{x}.Text", text);
    }

    /// <summary>:of-type: type-system|type-code|value (https://hl7.org/fhir/R4/search.html#token).</summary>
    private static Func<SqlQuery, string, string> OfType(ParameterTarget target, string raw)
    {
        var parts = SearchValueSyntax.Split(raw, '|').Select(SearchValueSyntax.Unescape).ToArray();
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            throw new InvalidSearchException($"':of-type' takes type-system|type-code|value, not '{raw}'.", target.Name);
        }

        var type = parts[0] + "|" + parts[1];
        var code = parts[2];
        return (q, x) => $"{x}.IdentifierType = {q.Bind(type)} AND {x}.Code = {q.Bind(code)}";
    }

    private static string Required(ParameterTarget target, string value)
        => value.Length == 0 ? throw new InvalidSearchException("An empty token value matches nothing.", target.Name) : value;
}
