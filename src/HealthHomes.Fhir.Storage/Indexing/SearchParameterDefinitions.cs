using Hl7.Fhir.Utility;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Indexing;

/// <summary>
/// A search parameter before it has an id: where it comes from (R4's ModelInfo.SearchParameters, the parameters
/// common to all resources, or a SearchParameter resource of the conformance package).
/// </summary>
public sealed record SearchParameterDefinition(
    string ResourceType,
    string Code,
    SearchParamType Type,
    string? Expression,
    IReadOnlyList<string> Targets,
    string Url,
    IReadOnlyList<CompositeComponent> Components);

/// <summary>Supplies extra search parameters (e.g. the conformance package's SearchParameter resources) to the registry.</summary>
public interface ISearchParameterSource
{
    IEnumerable<SearchParameterDefinition> GetDefinitions();
}

/// <summary>The R4 search parameters from Hl7.Fhir.R4's <see cref="ModelInfo.SearchParameters"/> plus the ones common to every resource.</summary>
public static class SearchParameterDefinitions
{
    /// <summary>Parameters every resource type has (https://hl7.org/fhir/R4/resource.html#search). _id and _lastUpdated are answered from the Resource table.</summary>
    public static IEnumerable<SearchParameterDefinition> Common(string resourceType)
    {
        yield return new(resourceType, "_id", SearchParamType.Token, null, [], "http://hl7.org/fhir/SearchParameter/Resource-id", []);
        yield return new(resourceType, "_lastUpdated", SearchParamType.Date, null, [], "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated", []);
        yield return new(resourceType, "_tag", SearchParamType.Token, $"{resourceType}.meta.tag", [], "http://hl7.org/fhir/SearchParameter/Resource-tag", []);
        yield return new(resourceType, "_profile", SearchParamType.Uri, $"{resourceType}.meta.profile", [], "http://hl7.org/fhir/SearchParameter/Resource-profile", []);
        yield return new(resourceType, "_security", SearchParamType.Token, $"{resourceType}.meta.security", [], "http://hl7.org/fhir/SearchParameter/Resource-security", []);
        yield return new(resourceType, "_source", SearchParamType.Uri, $"{resourceType}.meta.source", [], "http://hl7.org/fhir/SearchParameter/Resource-source", []);
    }

    /// <summary>Every R4 search parameter of every resource type, with shared expressions narrowed to the type.</summary>
    public static IEnumerable<SearchParameterDefinition> R4()
    {
        foreach (var type in ModelInfo.SupportedResources)
        {
            foreach (var common in Common(type))
            {
                yield return common;
            }
        }

        foreach (var sp in ModelInfo.SearchParameters)
        {
            if (sp.Resource is null || !ModelInfo.IsKnownResource(sp.Resource) || sp.Name is null || sp.Name.StartsWith('_'))
            {
                continue;
            }

            var components = sp.Component?.Select(c => new CompositeComponent(c.Definition, c.Expression)).ToArray() ?? [];
            var expression = string.IsNullOrEmpty(sp.Expression) ? null : ExpressionForType(sp.Expression, sp.Resource);
            var targets = sp.Target?.Select(t => t.GetLiteral() ?? t.ToString()).ToArray() ?? [];
            yield return new(sp.Resource, sp.Name, sp.Type, expression, targets, sp.Url ?? $"http://hl7.org/fhir/SearchParameter/{sp.Resource}-{sp.Name}", components);
        }
    }

    /// <summary>
    /// Shared R4 expressions list every type ("Patient.address | Person.address | ..."); keep only the parts rooted
    /// at <paramref name="resourceType"/> so that indexing evaluates one path, not one per type.
    /// </summary>
    public static string ExpressionForType(string expression, string resourceType)
    {
        var parts = SplitUnion(expression);
        if (parts.Count < 2)
        {
            return expression;
        }

        var own = parts.Where(p => IsRootedAt(p, resourceType)).ToList();
        return own.Count == 0 ? expression : string.Join(" | ", own);
    }

    private static bool IsRootedAt(string part, string resourceType)
    {
        var p = part.TrimStart('(', ' ');
        return p.StartsWith(resourceType + ".", StringComparison.Ordinal)
            || p.StartsWith(resourceType + " ", StringComparison.Ordinal)
            || p == resourceType;
    }

    /// <summary>Splits on top-level '|' (outside parentheses and string literals).</summary>
    internal static List<string> SplitUnion(string expression)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        var inString = false;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\'' && (i == 0 || expression[i - 1] != '\\'))
            {
                inString = !inString;
            }
            else if (!inString && c == '(')
            {
                depth++;
            }
            else if (!inString && c == ')')
            {
                depth--;
            }
            else if (!inString && depth == 0 && c == '|')
            {
                parts.Add(expression[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(expression[start..].Trim());
        return parts;
    }
}
