using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

internal sealed class SlicingPlan
{
    public required ElementDefinition.DiscriminatorComponent[] Discriminators { get; init; }

    public ElementDefinition.SlicingRules Rules { get; init; }

    public bool Ordered { get; init; }

    public List<SlicePlan> Slices { get; } = [];

    /// <summary>Set when the discriminators cannot be evaluated; items are then not assigned to slices.</summary>
    public string? UnsupportedReason { get; set; }
}

internal sealed class SlicePlan(string name, ElementPlan element)
{
    public string Name { get; } = name;

    public ElementPlan Element { get; } = element;

    /// <summary>One expectation per discriminator, compiled after the slice's children are known.</summary>
    public SliceExpectation[] Expectations { get; set; } = [];
}

/// <param name="Path">Discriminator path split on dots; empty for $this.</param>
internal sealed record SliceExpectation(string[] Path, ElementDefinition.DiscriminatorType Kind, Base? Value, bool IsPattern, string? TypeName, bool? Exists);
