namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>A StructureDefinition snapshot compiled for validation, cached by url|version|stamp.</summary>
internal sealed class ValidationPlan(string url, string type, ElementPlan root, bool isCoreType)
{
    public string Url { get; } = url;

    /// <summary>The constrained type (StructureDefinition.type).</summary>
    public string Type { get; } = type;

    public ElementPlan Root { get; } = root;

    /// <summary>A core resource or datatype definition: validated in the base pass, with unknown-element checks.</summary>
    public bool IsCoreType { get; } = isCoreType;
}
