using System.Collections;
using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// Assigns each item of a sliced element to the first slice whose discriminators it meets, then checks per-slice
/// cardinality, closed slicing (no unmatched items) and ordered slicing. Unsupported discriminators: information.
/// </summary>
internal static class SlicingCheck
{
    /// <returns>Per item, the index of its slice or -1.</returns>
    public static int[]? Assign(ElementPlan sliced, IReadOnlyList<Base> items, NodeRef parent, WalkContext ctx)
    {
        var slicing = sliced.Slicing!;
        if (slicing.UnsupportedReason is { } reason)
        {
            ctx.Information(OperationOutcome.IssueType.NotSupported, parent.PathOf(sliced.Name), $"Not checked: {reason}.");
            return null;
        }

        var assigned = new int[items.Count];
        var counts = new int[slicing.Slices.Count];
        var last = -1;
        for (var i = 0; i < items.Count; i++)
        {
            assigned[i] = Match(slicing, items[i]);
            if (assigned[i] >= 0)
            {
                counts[assigned[i]]++;
                if (slicing.Ordered && assigned[i] < last)
                {
                    ctx.Error(OperationOutcome.IssueType.Structure, Item(parent, sliced, i, items.Count), $"Items of '{sliced.Path}' are not in slice order.");
                }

                last = Math.Max(last, assigned[i]);
            }
            else if (slicing.Rules == ElementDefinition.SlicingRules.Closed)
            {
                ctx.Error(OperationOutcome.IssueType.Structure, Item(parent, sliced, i, items.Count), $"Item does not match any slice of '{sliced.Path}' (closed slicing).");
            }
        }

        for (var s = 0; s < counts.Length; s++)
        {
            CardinalityCheck.Check(slicing.Slices[s].Element, counts[s], parent, ctx, slicing.Slices[s].Name);
        }

        return assigned;
    }

    /// <summary>A repeating element's item carries its index in the location; a single one does not.</summary>
    private static string Item(NodeRef parent, ElementPlan sliced, int index, int count) =>
        sliced.Max > 1 || count > 1 ? $"{parent.PathOf(sliced.Name)}[{index}]" : parent.PathOf(sliced.Name);

    private static int Match(SlicingPlan slicing, Base item)
    {
        for (var s = 0; s < slicing.Slices.Count; s++)
        {
            var expectations = slicing.Slices[s].Expectations;
            var all = expectations.Length > 0;
            foreach (var expectation in expectations)
            {
                if (!Meets(item, expectation))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return s;
            }
        }

        return -1;
    }

    private static bool Meets(Base item, SliceExpectation expectation)
    {
        var values = Navigate(item, expectation.Path);
        return expectation.Kind switch
        {
            ElementDefinition.DiscriminatorType.Exists => values.Count > 0 == expectation.Exists,
            ElementDefinition.DiscriminatorType.Type => values.Count > 0 && values.TrueForAll(v => v.TypeName == expectation.TypeName),
            _ => values.Exists(v => expectation.IsPattern
                ? PatternMatcher.Matches(v, expectation.Value!)
                : PocoEqualityComparisons.IsExactly(v, expectation.Value!)),
        };
    }

    private static List<Base> Navigate(Base item, string[] path)
    {
        var current = new List<Base> { item };
        foreach (var segment in path)
        {
            var next = new List<Base>();
            foreach (var node in current)
            {
                if (!node.TryGetValue(segment, out var child))
                {
                    continue;
                }

                if (child is Base single)
                {
                    next.Add(single);
                }
                else if (child is IEnumerable many)
                {
                    next.AddRange(many.OfType<Base>());
                }
            }

            current = next;
        }

        return current;
    }
}
