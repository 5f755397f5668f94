using System.Globalization;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Search;

internal sealed partial class SearchQueryParser
{
    /// <summary>Handles the result parameters (_sort, _count, _total, _include, _revinclude, _cursor, presentation ones); false for others.</summary>
    private bool ParseResultParameter(SearchPlan plan, string name, string value)
    {
        var (code, modifier) = SplitModifier(name);
        if (Presentation.Contains(code))
        {
            plan.SummaryCount |= code == "_summary" && value == "count";
            return true;
        }

        switch (code)
        {
            case "_sort" when modifier is null:
                ParseSort(plan, value);
                return true;
            case "_count" when modifier is null:
                plan.Count = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                    ? Math.Min(count, SearchPlan.MaxCount)
                    : throw new InvalidSearchException($"'_count' must be a non-negative integer, not '{value}'.", name);
                plan.Self.Add(new(name, value));
                return true;
            case "_total" when modifier is null:
                plan.Total = value switch
                {
                    "none" => TotalMode.None,
                    "estimate" => TotalMode.Estimate,
                    "accurate" => TotalMode.Accurate,
                    _ => throw new InvalidSearchException($"'_total' takes none, estimate or accurate, not '{value}'.", name),
                };
                plan.Self.Add(new(name, value));
                return true;
            case "_cursor" when modifier is null:
                plan.Cursor = value;
                return true;
            case "_include" or "_revinclude":
                ParseInclude(plan, name, code == "_revinclude", modifier, value);
                return true;
            default:
                return false;
        }
    }

    private void ParseSort(SearchPlan plan, string value)
    {
        if (plan.Sort.Count > 0)
        {
            throw new InvalidSearchException("'_sort' may be given once (list the keys with commas).", "_sort");
        }

        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var descending = raw.StartsWith('-');
            var code = descending ? raw[1..] : raw;
            if (code is "_id" or "_lastUpdated")
            {
                plan.Sort.Add(new SortKey(code, descending, null));
                continue;
            }

            var target = Resolve(request.ResourceType, code, "_sort");
            if (target is null || !SortKey.CanSort(target))
            {
                Ignore(plan, "_sort", $"Cannot sort by '{code}'.");
                continue;
            }

            plan.Sort.Add(new SortKey(code, descending, target));
        }

        if (plan.Sort.Count > 0)
        {
            plan.Self.Add(new("_sort", string.Join(",", plan.Sort)));
        }
    }

    /// <summary>_include / _revinclude = Type:param[:TargetType] or *, with :iterate (R4) or :recurse (older name).</summary>
    private void ParseInclude(SearchPlan plan, string name, bool reverse, string? modifier, string value)
    {
        if (modifier is not null and not "iterate" and not "recurse")
        {
            throw new UnsupportedSearchException(name, $"The modifier ':{modifier}' is not supported on {name.Split(':')[0]}.");
        }

        var iterate = modifier is not null;
        if (value == "*")
        {
            plan.Includes.Add(new IncludeSpec(reverse, null, null, iterate));
            plan.Self.Add(new(name, value));
            return;
        }

        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3 || !ModelInfo.IsKnownResource(parts[0]))
        {
            throw new InvalidSearchException($"'{value}' is not Type:parameter[:TargetType].", name);
        }

        var target = Resolve(parts[0], parts[1], name);
        if (target is null || target.Type != SearchParamType.Reference)
        {
            throw new InvalidSearchException($"'{parts[1]}' is not a reference parameter of {parts[0]}.", name);
        }

        string? targetType = null;
        if (parts.Length == 3)
        {
            targetType = ReferenceCriterion.TypeModifier(target, parts[2]);
        }

        plan.Includes.Add(new IncludeSpec(reverse, target.Ids, targetType, iterate));
        plan.Self.Add(new(name, value));
    }
}
