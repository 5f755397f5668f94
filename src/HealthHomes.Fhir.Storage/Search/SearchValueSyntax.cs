using System.Text;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// The escaping rules of search values (https://hl7.org/fhir/R4/search.html#escaping): ',' separates OR values,
/// '|' separates token/quantity parts, '$' composite parts; a backslash makes the next of these literal.
/// </summary>
internal static class SearchValueSyntax
{
    /// <summary>Splits on every <paramref name="separator"/> not preceded by a backslash; the pieces keep their escapes.</summary>
    public static List<string> Split(string value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == separator)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }

    /// <summary>Removes the escapes: "\," -> ",", "\|" -> "|", "\$" -> "$", "\\" -> "\".</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '|' or '$' or '\\')
            {
                i++;
            }

            sb.Append(value[i]);
        }

        return sb.ToString();
    }

    /// <summary>The OR values of one parameter occurrence, unescaped except for '|' (split later by token-like types).</summary>
    public static List<string> OrValues(string value) => Split(value, ',');

    /// <summary>Splits a value into its prefix (eq ne lt gt le ge sa eb ap; "eq" when absent) and the rest.</summary>
    public static (string Prefix, string Value) Prefix(string value)
    {
        if (value.Length > 2 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]))
        {
            var p = value[..2];
            if (p is "eq" or "ne" or "lt" or "gt" or "le" or "ge" or "sa" or "eb" or "ap")
            {
                return (p, value[2..]);
            }
        }

        return ("eq", value);
    }
}
