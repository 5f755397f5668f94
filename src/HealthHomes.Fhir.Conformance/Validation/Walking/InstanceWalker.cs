using HealthHomes.Fhir.Conformance.Validation.Checks;
using HealthHomes.Fhir.Conformance.Validation.Plans;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Walking;

/// <summary>
/// Walks a POCO instance along a plan. The base pass (core type plans) descends into every datatype and contained
/// or bundled resource through their own core plans and reports unknown elements; a profile pass walks only what
/// the profile's snapshot spells out, and skips constraints the core types define (the base pass has them).
/// </summary>
internal static class InstanceWalker
{
    public static void Element(ElementPlan plan, Base value, NodeRef node, WalkContext ctx, bool basePass)
    {
        if (plan.Unsupported is { } unsupported)
        {
            foreach (var feature in unsupported)
            {
                ctx.Information(OperationOutcome.IssueType.NotSupported, node.Path, $"Not checked: {feature} on '{plan.Path}'.");
            }
        }

        if (!basePass)
        {
            TypeCheck.Check(plan, value, node, ctx);
        }

        if (plan.Fixed is not null || plan.Pattern is not null)
        {
            FixedPatternCheck.Check(plan, value, node, ctx);
        }

        if (plan.Binding is not null)
        {
            BindingCheck.Check(plan, value, node, ctx);
        }

        if (plan.References is not null && value is ResourceReference reference)
        {
            ReferenceCheck.Check(plan, reference, node, ctx);
        }

        if (value is PrimitiveType primitive && (basePass || plan.MaxLength is not null))
        {
            PrimitiveFormatCheck.Check(plan, primitive, node, ctx);
        }

        if (plan.Constraints.Length > 0)
        {
            ConstraintCheck.Check(plan, value, node, ctx);
        }

        if (!basePass && plan.TypeProfiles is not null)
        {
            TypeProfiles(plan, value, node, ctx);
        }

        if (basePass && value is Extension extension)
        {
            ExtensionDefinitionCheck.Check(extension, node, ctx);
        }

        var shape = plan.Shape;
        if (shape.ChildList.Count > 0)
        {
            Children(shape, value, node, ctx, basePass);
        }
        else if (basePass && ctx.Plans.GetCoreType(ctx.Set, value.TypeName) is { } typePlan && !ReferenceEquals(typePlan.Root, plan))
        {
            Element(typePlan.Root, value, node, ctx, basePass: true);
        }
    }

    private static void Children(ElementPlan shape, Base value, NodeRef node, WalkContext ctx, bool basePass)
    {
        var isPrimitive = value is PrimitiveType;
        if (basePass)
        {
            foreach (var element in value.EnumerateElements())
            {
                if (!shape.Children.ContainsKey(element.Key) && !(isPrimitive && element.Key == "value"))
                {
                    ctx.Error(OperationOutcome.IssueType.Structure, node.PathOf(element.Key), $"Unknown element '{element.Key}' in {shape.Path}.");
                }
            }
        }

        foreach (var child in shape.ChildList)
        {
            if (isPrimitive && child.Name == "value")
            {
                continue;
            }

            value.TryGetValue(child.Name, out var raw);
            var list = raw as IReadOnlyList<Base>;
            var count = list?.Count ?? (raw is Base ? 1 : 0);
            if (basePass || child.CardinalityConstrained)
            {
                CardinalityCheck.Check(child, count, node, ctx);
            }

            if (count == 0)
            {
                if (!basePass && child.MustSupport && ctx.Options.ReportMustSupport)
                {
                    ctx.Information(OperationOutcome.IssueType.Informational, node.PathOf(child.Name), $"mustSupport element '{child.Path}' is absent.");
                }

                if (!basePass && child.Slicing is not null)
                {
                    SlicingCheck.Assign(child, [], node, ctx);
                }

                continue;
            }

            var slices = child.Slicing is not null ? SlicingCheck.Assign(child, list ?? [(Base)raw!], node, ctx) : null;
            for (var i = 0; i < count; i++)
            {
                var item = list is null ? (Base)raw! : list[i];
                var childNode = node.Child(child.Name, list is null ? -1 : i, item);
                Element(child, item, childNode, ctx, basePass);
                if (slices is not null && slices[i] >= 0)
                {
                    Element(child.Slicing!.Slices[slices[i]].Element, item, childNode, ctx, basePass: false);
                }
            }
        }
    }

    /// <summary>Datatype profiles on an element's type (extension profiles are applied by url in the base pass).</summary>
    private static void TypeProfiles(ElementPlan plan, Base value, NodeRef node, WalkContext ctx)
    {
        if (value is Extension || !plan.TypeProfiles!.TryGetValue(value.TypeName, out var profiles))
        {
            return;
        }

        foreach (var url in profiles)
        {
            if (ctx.Plans.Get(ctx.Set, url) is { } profile)
            {
                if (!profile.IsCoreType)
                {
                    Element(profile.Root, value, node, ctx, basePass: false);
                }
            }
            else
            {
                ctx.Warning(OperationOutcome.IssueType.NotFound, node.Path, $"Profile {url} on the type of '{plan.Path}' is not known; not checked.");
            }
        }
    }
}
