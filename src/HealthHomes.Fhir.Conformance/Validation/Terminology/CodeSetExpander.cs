using HealthHomes.Fhir.Conformance.Specification;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Terminology;

/// <summary>
/// A small ValueSet expander over a <see cref="ProfileSet"/>: compose.include by listed concepts, whole code systems,
/// is-a / descendent-of filters on the concept hierarchy, and valueSet imports; exclude by listed concepts and by
/// valueSet. Anything
/// else marks the system undecidable, so a binding check reports information rather than a false error; an imported
/// ValueSet that is not held marks the whole expansion incomplete (<see cref="ExpandedValueSet.MissingImports"/>).
/// </summary>
internal static class CodeSetExpander
{
    public static ExpandedValueSet Expand(ProfileSet set, string url, int depth = 0)
    {
        if (depth > 8 || set.FindValueSet(url) is not { } vs)
        {
            return ExpandedValueSet.NotFound;
        }

        var result = new ExpandedValueSet();
        if (vs.Compose is null)
        {
            foreach (var contains in Flatten(vs.Expansion?.Contains ?? []))
            {
                if (contains.System is { } system && contains.Code is { } code)
                {
                    result.Add(system, code);
                }
            }

            return result;
        }

        foreach (var include in vs.Compose.Include)
        {
            Include(set, include, result, depth);
        }

        foreach (var exclude in vs.Compose.Exclude)
        {
            foreach (var concept in exclude.Concept)
            {
                result.Codes.Remove(string.Concat(exclude.System, "|", concept.Code));
            }

            foreach (var excluded in exclude.ValueSet)
            {
                Exclude(set, Canonicals.WithoutVersion(excluded ?? string.Empty), result, depth);
            }

            if (exclude.Concept.Count == 0 && !exclude.ValueSet.Any() && exclude.System is { } system)
            {
                result.Undecidable[system] = "an exclude without listed concepts is not evaluated";
            }
        }

        result.RebuildBareCodes();
        return result;
    }

    /// <summary>
    /// compose.exclude.valueSet: the codes of a held, fully enumerable ValueSet are removed. When it cannot be enumerated
    /// here, any code of the set might be excluded: membership becomes undecidable (information), never a silent pass.
    /// </summary>
    private static void Exclude(ProfileSet set, string url, ExpandedValueSet result, int depth)
    {
        var excluded = Expand(set, url, depth + 1);
        if (excluded.Found && excluded.Incomplete is null && excluded.Undecidable.Count == 0)
        {
            result.Codes.ExceptWith(excluded.Codes);
            return;
        }

        foreach (var system in result.Systems)
        {
            result.Undecidable[system] = $"it excludes ValueSet {url}, which cannot be enumerated by this server";
        }

        result.Codes.Clear();
    }

    private static void Include(ProfileSet set, ValueSet.ConceptSetComponent include, ExpandedValueSet result, int depth)
    {
        foreach (var imported in include.ValueSet)
        {
            var other = Expand(set, Canonicals.WithoutVersion(imported ?? string.Empty), depth + 1);
            if (!other.Found)
            {
                result.MissingImports.Add(imported ?? string.Empty);
                continue;
            }

            result.MissingImports.UnionWith(other.MissingImports);
            result.Codes.UnionWith(other.Codes);
            result.BareCodes.UnionWith(other.BareCodes);
            result.Systems.UnionWith(other.Systems);
            result.WholeSystems.UnionWith(other.WholeSystems);
            foreach (var (undecidable, why) in other.Undecidable)
            {
                result.Undecidable[undecidable] = why;
            }
        }

        if (include.System is not { } system)
        {
            return;
        }

        result.Systems.Add(system);
        if (include.Concept.Count > 0)
        {
            foreach (var concept in include.Concept)
            {
                result.Add(system, concept.Code);
            }

            return;
        }

        var cs = set.FindCodeSystem(system);
        if (cs is null || cs.Content is not (CodeSystemContentMode.Complete or null))
        {
            result.Undecidable[system] = cs is null ? "the code system is not held by this server" : $"the code system is held with content '{cs.Content}'";
            return;
        }

        if (include.Filter.Count == 0)
        {
            result.WholeSystems.Add(system);
            foreach (var concept in Flatten(cs.Concept))
            {
                result.Add(system, concept.Code);
            }

            return;
        }

        if (include.Filter is [{ Property: "concept", Op: FilterOperator.IsA or FilterOperator.DescendentOf } filter]
            && Find(cs.Concept, filter.Value) is { } parent)
        {
            if (filter.Op == FilterOperator.IsA)
            {
                result.Add(system, parent.Code);
            }

            foreach (var concept in Flatten(parent.Concept))
            {
                result.Add(system, concept.Code);
            }

            return;
        }

        result.Undecidable[system] = $"filter {string.Join(", ", include.Filter.Select(f => $"{f.Property} {f.Op} {f.Value}"))} is not evaluated";
    }

    private static CodeSystem.ConceptDefinitionComponent? Find(List<CodeSystem.ConceptDefinitionComponent> concepts, string? code) =>
        Flatten(concepts).FirstOrDefault(c => c.Code == code);

    private static IEnumerable<CodeSystem.ConceptDefinitionComponent> Flatten(List<CodeSystem.ConceptDefinitionComponent> concepts)
    {
        foreach (var concept in concepts)
        {
            yield return concept;
            foreach (var child in Flatten(concept.Concept))
            {
                yield return child;
            }
        }
    }

    private static IEnumerable<ValueSet.ContainsComponent> Flatten(List<ValueSet.ContainsComponent> contains)
    {
        foreach (var item in contains)
        {
            yield return item;
            foreach (var child in Flatten(item.Contains))
            {
                yield return child;
            }
        }
    }
}
