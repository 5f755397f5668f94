using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Indexing;

/// <summary>One search parameter of one resource type, with the FHIRPath expression narrowed to that type.</summary>
/// <param name="Id">The small stable id every index row carries (persisted in the SearchParameter table).</param>
/// <param name="Expression">FHIRPath evaluated at write time; null for parameters the store answers from its own columns (_id, _lastUpdated).</param>
/// <param name="Targets">Target resource types of a reference parameter (empty: any).</param>
/// <param name="Components">For composite parameters: the component parameters' codes and their expressions relative to the composite.</param>
public sealed record SearchParameterInfo(
    int Id,
    string ResourceType,
    string Code,
    SearchParamType Type,
    string? Expression,
    IReadOnlyList<string> Targets,
    string Url,
    IReadOnlyList<CompositeComponent> Components)
{
    /// <summary>The index table this parameter's values live in, or null when it has none (composite, special, _id, _lastUpdated).</summary>
    public IndexKind? Kind => Expression is null ? null : Type switch
    {
        SearchParamType.Token => IndexKind.Token,
        SearchParamType.String => IndexKind.String,
        SearchParamType.Date => IndexKind.Date,
        SearchParamType.Reference => IndexKind.Reference,
        SearchParamType.Number => IndexKind.Number,
        SearchParamType.Quantity => IndexKind.Quantity,
        SearchParamType.Uri => IndexKind.Uri,
        _ => null,
    };
}

/// <summary>A component of a composite search parameter: the component parameter's URL and its expression relative to the composite's value.</summary>
public sealed record CompositeComponent(string DefinitionUrl, string Expression);

/// <summary>The index tables, one per kind of value.</summary>
public enum IndexKind
{
    Token,
    String,
    Date,
    Reference,
    Number,
    Quantity,
    Uri,
}
