using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Reference search (https://hl7.org/fhir/R4/search.html#reference): a bare id, Type/id, an absolute URL or a
/// canonical; the :[type] modifier; :missing. Chains and _has are in <see cref="ChainCriterion"/> and <see cref="HasCriterion"/>.
/// </summary>
internal static class ReferenceCriterion
{
    public static SearchCriterion Create(ParameterTarget target, string? modifier, string value)
    {
        if (modifier == "missing")
        {
            return MissingCriterion.Parse(target, value);
        }

        string? typeModifier = null;
        if (modifier is not null)
        {
            typeModifier = TypeModifier(target, modifier);
        }

        var values = SearchValueSyntax.OrValues(value).Select(SearchValueSyntax.Unescape).ToArray();
        var conditions = new List<Func<SqlQuery, string, string>>();
        var byType = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var match = Match(target, typeModifier, v);
            if (Typed(target, typeModifier, v) is { } typed)
            {
                (byType.TryGetValue(typed.Type, out var ids) ? ids : byType[typed.Type] = []).Add(typed.Id);
            }
            else
            {
                conditions.Add(match);
            }
        }

        // Many Type/id values of one type (a batch of members' records): one probe of the target index per id through
        // json_each, instead of an OR per value that SQLite answers by scanning the parameter's rows.
        foreach (var (type, ids) in byType)
        {
            conditions.Add(ids.Count == 1
                ? (q, x) => $"{x}.TargetId = {q.Bind(ids[0])} AND {x}.TargetType = {q.Bind(type)}"
                : (q, x) => $"{x}.TargetType = {q.Bind(type)} AND {x}.TargetId IN (SELECT value FROM json_each({q.Bind(System.Text.Json.JsonSerializer.Serialize(ids))}))");
        }

        return new IndexRowCriterion(target, conditions);
    }

    /// <summary>A relative value whose target type is known (Type/id, :[type] modifier, or the one target type): its type and id; else null.</summary>
    private static (string Type, string Id)? Typed(ParameterTarget target, string? typeModifier, string value)
    {
        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("urn:", StringComparison.Ordinal))
        {
            return null;
        }

        var (type, id) = SplitTypeAndId(value);
        type ??= typeModifier ?? (target.Targets.Count == 1 ? target.Targets[0] : null);
        return type is null ? null : (type, id);
    }

    /// <summary>A :[type] modifier must name a resource type the parameter may point at.</summary>
    internal static string TypeModifier(ParameterTarget target, string modifier)
    {
        if (!ModelInfo.IsKnownResource(modifier))
        {
            throw new UnsupportedSearchException(target.Name, $"The modifier ':{modifier}' is not supported on reference parameter '{target.Code}'.");
        }

        if (target.Targets.Count > 0 && !target.Targets.Contains(modifier))
        {
            throw new InvalidSearchException($"'{target.Code}' cannot refer to a {modifier}.", target.Name);
        }

        return modifier;
    }

    private static Func<SqlQuery, string, string> Match(ParameterTarget target, string? typeModifier, string value)
    {
        if (value.Length == 0)
        {
            throw new InvalidSearchException("An empty reference matches nothing.", target.Name);
        }

        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("urn:", StringComparison.Ordinal))
        {
            return Absolute(target, value);
        }

        var (type, id) = SplitTypeAndId(value);
        if (type is not null && typeModifier is not null && type != typeModifier)
        {
            throw new InvalidSearchException($"'{value}' is not a {typeModifier}.", target.Name);
        }

        if (type is not null && target.Targets.Count > 0 && !target.Targets.Contains(type))
        {
            throw new InvalidSearchException($"'{target.Code}' cannot refer to a {type}.", target.Name);
        }

        // A bare id means the single target type when there is one, else any target type.
        type ??= typeModifier ?? (target.Targets.Count == 1 ? target.Targets[0] : null);
        return type is null
            ? (q, x) => $"{x}.TargetId = {q.Bind(id)}"
            : (q, x) => $"{x}.TargetId = {q.Bind(id)} AND {x}.TargetType = {q.Bind(type)}";
    }

    /// <summary>An absolute URL matches its Url column, and also Type/id when its last two segments are a type and an id.</summary>
    private static Func<SqlQuery, string, string> Absolute(ParameterTarget target, string url)
    {
        var path = url.Split('|')[0];
        var historyAt = path.IndexOf("/_history/", StringComparison.Ordinal);
        var segments = (historyAt >= 0 ? path[..historyAt] : path).TrimEnd('/').Split('/');
        if (segments.Length >= 2 && ModelInfo.IsKnownResource(segments[^2]) && (target.Targets.Count == 0 || target.Targets.Contains(segments[^2])))
        {
            var type = segments[^2];
            var id = segments[^1];
            return (q, x) => $"{x}.Url = {q.Bind(url)} OR ({x}.TargetId = {q.Bind(id)} AND {x}.TargetType = {q.Bind(type)})";
        }

        return (q, x) => $"{x}.Url = {q.Bind(url)}";
    }

    /// <summary>"Patient/123" (optionally "/_history/2", ignored) -> ("Patient", "123"); "123" -> (null, "123").</summary>
    internal static (string? Type, string Id) SplitTypeAndId(string value)
    {
        var historyAt = value.IndexOf("/_history/", StringComparison.Ordinal);
        var core = historyAt >= 0 ? value[..historyAt] : value;
        var slash = core.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (null, core);
        }

        var type = core[..slash];
        var id = core[(slash + 1)..];
        return ModelInfo.IsKnownResource(type) && id.Length > 0 && !id.Contains('/', StringComparison.Ordinal)
            ? (type, id)
            : (null, core);
    }
}
