using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>One element of a compiled StructureDefinition snapshot: everything the walker checks, resolved once.</summary>
internal sealed class ElementPlan
{
    private static readonly Dictionary<string, ElementPlan> NoChildren = new(0, StringComparer.Ordinal);

    public required string Id { get; init; }

    public required string Path { get; init; }

    /// <summary>The element name as the POCO model spells it: the last path segment without "[x]".</summary>
    public required string Name { get; init; }

    public int Min { get; set; }

    public int Max { get; set; } = int.MaxValue;

    /// <summary>Min or max differ from the base element: a profile pass checks cardinality only then.</summary>
    public bool CardinalityConstrained { get; set; }

    /// <summary>Allowed FHIR type codes; empty when the element has none (root, contentReference).</summary>
    public string[] Types { get; set; } = [];

    /// <summary>type.profile per type code, when a profile constrains the datatype (not for Extension: see the walker).</summary>
    public Dictionary<string, string[]>? TypeProfiles { get; set; }

    public ReferencePlan? References { get; set; }

    public Base? Fixed { get; set; }

    public Base? Pattern { get; set; }

    public BindingPlan? Binding { get; set; }

    public ConstraintPlan[] Constraints { get; set; } = [];

    public bool MustSupport { get; set; }

    public int? MaxLength { get; set; }

    /// <summary>Features present on this element that the validator does not check (reported as information when the element occurs).</summary>
    public List<string>? Unsupported { get; set; }

    public SlicingPlan? Slicing { get; set; }

    /// <summary>For a slice: the slicing element it belongs to.</summary>
    public string? SliceName { get; set; }

    public Dictionary<string, ElementPlan> Children { get; private set; } = NoChildren;

    public List<ElementPlan> ChildList { get; } = [];

    public string? ContentReference { get; set; }

    /// <summary>The element whose children apply here (contentReference), else this element.</summary>
    public ElementPlan Shape { get; set; } = null!;

    public void AddChild(ElementPlan child)
    {
        if (ReferenceEquals(Children, NoChildren))
        {
            Children = new Dictionary<string, ElementPlan>(StringComparer.Ordinal);
        }

        Children[child.Name] = child;
        ChildList.Add(child);
    }

    public void AddUnsupported(string feature) => (Unsupported ??= []).Add(feature);
}

internal sealed record BindingPlan(BindingStrength Strength, string ValueSet);

/// <summary>Reference target types allowed (null = any), and target profiles that are not core types.</summary>
internal sealed record ReferencePlan(HashSet<string>? AllowedTypes, string[] ProfileTargets);
