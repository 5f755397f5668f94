using HealthHomes.Fhir.Conformance.Specification;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>Compiles a StructureDefinition snapshot into a tree of <see cref="ElementPlan"/>s (by element id).</summary>
internal sealed class PlanCompiler(ValidationOptions options)
{
    private const string SystemTypePrefix = "http://hl7.org/fhirpath/System.";

    public ValidationPlan Compile(StructureDefinition sd, ProfileSet set)
    {
        var isCoreType = sd.Derivation == StructureDefinition.TypeDerivationRule.Specialization && R4BaseDefinitions.IsCoreTypeUrl(sd.Url ?? string.Empty);
        var byId = new Dictionary<string, ElementPlan>(StringComparer.Ordinal);
        ElementPlan? root = null;
        foreach (var element in sd.Snapshot!.Element)
        {
            var plan = CreatePlan(element, isCoreType, set);
            byId[plan.Id] = plan;
            if (root is null)
            {
                root = plan;
                continue;
            }

            Attach(plan, byId, root);
        }

        if (root is null)
        {
            throw new InvalidOperationException($"{sd.Url} has an empty snapshot.");
        }

        foreach (var plan in byId.Values)
        {
            plan.Shape = plan.ContentReference is { } reference && byId.TryGetValue(reference.TrimStart('#'), out var target) ? target : plan;
            if (plan.Slicing is { } slicing)
            {
                SliceExpectations.Compile(plan, slicing);
            }
        }

        return new ValidationPlan(sd.Url ?? string.Empty, sd.Type ?? string.Empty, root, isCoreType);
    }

    private static void Attach(ElementPlan plan, Dictionary<string, ElementPlan> byId, ElementPlan root)
    {
        var dot = plan.Id.LastIndexOf('.');
        var parent = dot > 0 && byId.TryGetValue(plan.Id[..dot], out var p) ? p : null;
        if (parent is null)
        {
            root.AddUnsupported($"element {plan.Id} (its parent is not in the snapshot)");
            return;
        }

        var last = plan.Id[(dot + 1)..];
        var colon = last.IndexOf(':');
        if (colon < 0)
        {
            parent.AddChild(plan);
            return;
        }

        var slicedName = ElementName(last[..colon]);
        if (!parent.Children.TryGetValue(slicedName, out var sliced))
        {
            root.AddUnsupported($"slice {plan.Id} (no sliced element)");
            return;
        }

        plan.SliceName = last[(colon + 1)..];
        sliced.Slicing ??= DefaultSlicing(sliced);
        sliced.Slicing.Slices.Add(new SlicePlan(plan.SliceName, plan));
    }

    /// <summary>Choice-type slices ("value[x]:valueQuantity") may come without a slicing entry; they slice by type.</summary>
    private static SlicingPlan DefaultSlicing(ElementPlan sliced) => new()
    {
        Discriminators = [new ElementDefinition.DiscriminatorComponent { Type = ElementDefinition.DiscriminatorType.Type, Path = "$this" }],
        Rules = ElementDefinition.SlicingRules.Open,
    };

    private ElementPlan CreatePlan(ElementDefinition e, bool isCoreType, ProfileSet set)
    {
        var plan = new ElementPlan
        {
            Id = e.ElementId ?? e.Path ?? string.Empty,
            Path = e.Path ?? string.Empty,
            Name = ElementName(e.Path?[(e.Path.LastIndexOf('.') + 1)..] ?? string.Empty),
            Min = e.Min ?? 0,
            Max = e.Max is null or "*" ? int.MaxValue : int.Parse(e.Max, System.Globalization.CultureInfo.InvariantCulture),
            Fixed = e.Fixed,
            Pattern = e.Pattern,
            MustSupport = e.MustSupport == true,
            MaxLength = e.MaxLength,
            ContentReference = e.ContentReference,
        };
        plan.CardinalityConstrained = e.Base is null || e.Base.Min != e.Min || e.Base.Max != e.Max;
        plan.Types = e.Type.Select(t => t.Code).OfType<string>().Where(c => !c.StartsWith(SystemTypePrefix, StringComparison.Ordinal)).Distinct().ToArray();
        foreach (var type in e.Type.Where(t => t.Code is not null && t.Profile.Any()))
        {
            (plan.TypeProfiles ??= new(StringComparer.Ordinal))[type.Code!] = type.Profile.OfType<string>().ToArray();
        }

        plan.References = References(e, set);
        if (e.Binding is { ValueSet: { } valueSet, Strength: BindingStrength.Required or BindingStrength.Extensible })
        {
            plan.Binding = new BindingPlan(e.Binding.Strength.Value, Canonicals.WithoutVersion(valueSet));
        }

        plan.Constraints = e.Constraint.Where(c => Applies(c, isCoreType)).Select(Constraint).ToArray();
        if (e.MinValue is not null)
        {
            plan.AddUnsupported("minValue");
        }

        if (e.MaxValue is not null)
        {
            plan.AddUnsupported("maxValue");
        }

        if (e.Slicing is { } slicing)
        {
            plan.Slicing = new SlicingPlan
            {
                Discriminators = slicing.Discriminator.ToArray(),
                Rules = slicing.Rules ?? ElementDefinition.SlicingRules.Open,
                Ordered = slicing.Ordered == true,
            };
        }

        return plan;
    }

    /// <summary>A profile pass skips the constraints a core type defines: the base pass has checked them.</summary>
    private bool Applies(ElementDefinition.ConstraintComponent c, bool isCoreType) =>
        c.Key is not null && !options.SuppressedInvariants.Contains(c.Key) && (isCoreType || c.Source is null || !R4BaseDefinitions.IsCoreTypeUrl(c.Source));

    private static ConstraintPlan Constraint(ElementDefinition.ConstraintComponent c)
    {
        var expression = c.Expression ?? string.Empty;
        var native = NativeInvariants.For(c.Key!, expression);
        var (compiled, error) = native is null && expression.Length > 0 ? FhirPathCache.Get(expression) : (null, null);
        if (native is null && expression.Length == 0)
        {
            error = "no FHIRPath expression";
        }

        return new ConstraintPlan(c.Key!, c.Severity ?? ConstraintSeverity.Error, c.Human ?? c.Key!, expression, compiled, native, error);
    }

    private static ReferencePlan? References(ElementDefinition e, ProfileSet set)
    {
        var targets = e.Type.Where(t => t.Code == "Reference").SelectMany(t => t.TargetProfile).OfType<string>().ToArray();
        if (targets.Length == 0)
        {
            return null;
        }

        HashSet<string>? allowed = new(StringComparer.Ordinal);
        var profileTargets = new List<string>();
        foreach (var target in targets)
        {
            var url = Canonicals.WithoutVersion(target);
            if (R4BaseDefinitions.IsCoreTypeUrl(url))
            {
                var type = url[R4BaseDefinitions.CoreStructureDefinitionPrefix.Length..];
                if (type is "Resource" or "DomainResource")
                {
                    allowed = null;
                    break;
                }

                allowed.Add(type);
                continue;
            }

            profileTargets.Add(url);
            if (set.FindStructureDefinition(url)?.Type is { } profiledType)
            {
                allowed.Add(profiledType);
            }
            else
            {
                allowed = null;
                break;
            }
        }

        return new ReferencePlan(allowed, profileTargets.ToArray());
    }

    internal static string ElementName(string segment) =>
        segment.EndsWith("[x]", StringComparison.Ordinal) ? segment[..^3] : segment;
}
