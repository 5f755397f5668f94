using System.Text.Json;
using HealthHomes.Fhir.Conformance.Package;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Conformance.Tests.Package;

/// <summary>The embedded package (loaded once) and the example files copied beside the tests.</summary>
public static class PackageFiles
{
    private static readonly Lazy<ConformancePackage> Embedded = new(ConformancePackage.LoadEmbedded);

    private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions().ForFhir(new FhirJsonConverterOptions());

    public static ConformancePackage Loaded => Embedded.Value;

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, name);

    public static IEnumerable<string> ProfileFiles() => Directory.EnumerateFiles(Folder("profiles"), "*.json").Order(StringComparer.Ordinal);

    public static IEnumerable<string> ExampleFiles() => Directory.EnumerateFiles(Folder("examples"), "*.json").Order(StringComparer.Ordinal);

    public static TheoryData<string> ExampleNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in ExampleFiles())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>An example parsed strictly (each test gets its own copy to break).</summary>
    public static Resource Example(string fileName)
        => JsonSerializer.Deserialize<Resource>(File.ReadAllText(Path.Combine(Folder("examples"), fileName)), Strict)!;

    public static T Example<T>(string fileName)
        where T : Resource => (T)Example(fileName);

    public static StructureDefinition Profile(string id)
        => (StructureDefinition)Loaded.FindByUrl($"{ConformancePackage.CanonicalBase}/StructureDefinition/{id}")!;

    /// <summary>Every code defined by a CodeSystem, nested concepts included.</summary>
    public static IEnumerable<string> Codes(IEnumerable<CodeSystem.ConceptDefinitionComponent> concepts)
        => concepts.SelectMany(c => Codes(c.Concept).Prepend(c.Code!));
}
