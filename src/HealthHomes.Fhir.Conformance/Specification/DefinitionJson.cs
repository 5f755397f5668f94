using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Conformance.Specification;

/// <summary>One JSON setup for every definition resource we read (shipped, packaged or uploaded).</summary>
internal static class DefinitionJson
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static Resource Parse(string json) =>
        JsonSerializer.Deserialize<Resource>(json, Options) ?? throw new InvalidOperationException("Empty definition resource.");
}
