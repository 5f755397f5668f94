using System.Text.Json.Nodes;
using HealthHomes.Fhir.Conformance.Package;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Package.PackageFiles;

namespace HealthHomes.Fhir.Conformance.Tests.Package;

/// <summary>The examples/ folder against the package: profiles claimed, extensions defined, invariants and search parameters.</summary>
public class ExampleTests
{
    [Theory]
    [MemberData(nameof(ExampleNames), MemberType = typeof(PackageFiles))]
    public void Example_claims_a_package_profile_of_its_type(string file)
    {
        var example = Example(file);
        var claimed = Assert.Single(example.Meta!.Profile);
        var profile = Assert.IsType<StructureDefinition>(Loaded.FindByUrl(claimed!));
        Assert.Equal(profile.Type, example.TypeName);
        Assert.StartsWith(profile.Name + "-", file, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_profile_has_an_example()
    {
        var claimed = ExampleFiles().Select(f => Example(Path.GetFileName(f)).Meta!.Profile.Single()!).ToHashSet(StringComparer.Ordinal);
        Assert.All(Loaded.Profiles, p => Assert.Contains(p.Url!, claimed));
    }

    [Theory]
    [MemberData(nameof(ExampleNames), MemberType = typeof(PackageFiles))]
    public void Example_satisfies_every_invariant_of_its_profile(string file)
    {
        var example = Example(file);
        var profile = (StructureDefinition)Loaded.FindByUrl(example.Meta!.Profile.Single()!)!;
        foreach (var constraint in profile.Differential!.Element.Where(e => e.Path == profile.Type).SelectMany(e => e.Constraint))
        {
            Assert.True(example.IsTrue(constraint.Expression!), $"{file} breaks {constraint.Key}: {constraint.Human}");
        }
    }

    [Theory]
    [MemberData(nameof(ExampleNames), MemberType = typeof(PackageFiles))]
    public void Every_extension_an_example_uses_is_defined_for_where_it_is_used(string file)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("examples"), file)))!;
        foreach (var (url, path) in Extensions(json, json["resourceType"]!.GetValue<string>()))
        {
            var definition = Assert.IsType<StructureDefinition>(Loaded.FindByUrl(url));
            Assert.Equal("Extension", definition.Type);
            Assert.Contains(definition.Context, c => c.Expression == path);
        }
    }

    [Fact]
    public void Every_extension_a_profile_uses_has_a_definition()
    {
        var used = Loaded.Profiles.SelectMany(p => p.Differential!.Element).SelectMany(e => e.Type)
            .Where(t => t.Code == "Extension").SelectMany(t => t.Profile).Select(u => u!).ToList();
        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.Equal("Extension", Assert.IsType<StructureDefinition>(Loaded.FindByUrl(u)).Type));
    }

    [Theory]
    [InlineData("hh-modality", "OutreachAttempt-ks-morning-no-answer.json", "phone")]
    [InlineData("hh-outcome", "OutreachAttempt-kern-evening-reached.json", "reached-member")]
    [InlineData("hh-checklist", "OutreachAttempt-ks-morning-no-answer.json", "checklist-3")]
    [InlineData("hh-checklist-step", "ChecklistStepRecord-ks-send-mailing.json", "send-mailing")]
    [InlineData("hh-program", "ProgramEnrollment-kern-ecm.json", "ecm")]
    [InlineData("hh-population-of-focus", "ProgramEnrollment-kern-ecm.json", "smh-sud-adult")]
    public void Search_parameter_expression_finds_the_coded_value(string id, string file, string code)
    {
        var parameter = (SearchParameter)Loaded.FindByUrl($"{ConformancePackage.CanonicalBase}/SearchParameter/{id}")!;
        var values = Example(file).Select(parameter.Expression!).ToList();
        Assert.Contains(values.OfType<CodeableConcept>().SelectMany(c => c.Coding), c => c.Code == code);
    }

    /// <summary>(url, context) of every extension at the root of the resource; nested ones are reported with their element path.</summary>
    private static IEnumerable<(string Url, string Path)> Extensions(JsonNode node, string path)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj)
            {
                if (name == "extension" && child is JsonArray list)
                {
                    foreach (var ext in list.OfType<JsonObject>())
                    {
                        var url = ext["url"]!.GetValue<string>();
                        if (url.StartsWith("http", StringComparison.Ordinal))
                        {
                            yield return (url, path);
                        }
                    }
                }
                else if (child is not null && name != "extension")
                {
                    foreach (var found in Extensions(child, $"{path}.{name}"))
                    {
                        yield return found;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonNode>())
            {
                foreach (var found in Extensions(item, path))
                {
                    yield return found;
                }
            }
        }
    }
}
