using HealthHomes.Fhir.Conformance.Package;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Package.PackageFiles;

namespace HealthHomes.Fhir.Conformance.Tests.Package;

/// <summary>The profiles/ folder as a whole: parsed, named, canonical, internally consistent.</summary>
public class PackageIntegrityTests
{
    private const string Base = ConformancePackage.CanonicalBase;

    [Fact]
    public void Every_file_in_profiles_is_embedded_and_parses_strictly()
    {
        var files = ProfileFiles().ToList();
        Assert.True(files.Count > 50, $"only {files.Count} package files");
        foreach (var file in files)
        {
            ConformancePackage.Parse(Path.GetFileName(file), File.ReadAllText(file));
        }

        Assert.Equal(files.Count, Loaded.Resources.Count);
    }

    [Fact]
    public void A_broken_file_stops_loading_with_its_name()
    {
        var e = Assert.Throws<ConformancePackageException>(() => ConformancePackage.Load([("ValueSet-bad.json", """{"resourceType":"ValueSet","id":"bad","status":"nonsense"}""")]));
        Assert.Contains("ValueSet-bad.json", e.Message, StringComparison.Ordinal);
        var misnamed = Assert.Throws<ConformancePackageException>(() => ConformancePackage.Parse("ValueSet-other.json", """{"resourceType":"ValueSet","id":"bad","status":"draft"}"""));
        Assert.Contains("ValueSet-bad.json", misnamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_and_urls_are_unique_and_under_the_canonical_base()
    {
        var resources = Loaded.Resources.Cast<IVersionableConformanceResource>().ToList();
        foreach (var r in Loaded.Resources)
        {
            var c = (IVersionableConformanceResource)r;
            Assert.Equal($"{Base}/{r.TypeName}/{r.Id}", c.Url);
            Assert.Equal("0.1.0", c.Version);
            Assert.True(c.Status is PublicationStatus.Active or PublicationStatus.Draft, r.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Name), r.Id);
        }

        Assert.Equal(resources.Count, resources.Select(r => r.Url).Distinct().Count());
        Assert.Equal(resources.Count, Loaded.Resources.Select(r => (r.TypeName, r.Id)).Distinct().Count());
    }

    [Fact]
    public void Structure_definitions_are_differential_only_constraints_on_an_R4_type()
    {
        foreach (var sd in Loaded.Resources.OfType<StructureDefinition>())
        {
            Assert.Null(sd.Snapshot);
            Assert.NotEmpty(sd.Differential!.Element);
            Assert.Equal(StructureDefinition.TypeDerivationRule.Constraint, sd.Derivation);
            Assert.Equal($"http://hl7.org/fhir/StructureDefinition/{sd.Type}", sd.BaseDefinition);
            Assert.Equal(FHIRVersion.N4_0_1, sd.FhirVersion);
            Assert.All(sd.Differential.Element, e => Assert.StartsWith(sd.Type, e.Path, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_value_set_code_exists_in_its_code_system()
    {
        var systems = Loaded.Resources.OfType<CodeSystem>().ToDictionary(cs => cs.Url!, cs => Codes(cs.Concept).ToHashSet(StringComparer.Ordinal));
        foreach (var vs in Loaded.Resources.OfType<ValueSet>())
        {
            Assert.NotEmpty(vs.Compose!.Include);
            foreach (var include in vs.Compose.Include)
            {
                if (!include.System!.StartsWith(Base, StringComparison.Ordinal))
                {
                    Assert.NotEmpty(include.Concept); // external systems are used code by code
                    continue;
                }

                Assert.True(systems.TryGetValue(include.System, out var codes), $"{vs.Id} includes unknown {include.System}");
                Assert.All(include.Concept, c => Assert.True(codes!.Contains(c.Code!), $"{vs.Id}: {c.Code} is not in {include.System}"));
            }
        }
    }

    [Fact]
    public void Every_code_system_count_matches_and_has_its_value_set()
    {
        foreach (var cs in Loaded.Resources.OfType<CodeSystem>())
        {
            Assert.Equal(cs.Count, Codes(cs.Concept).Count());
            Assert.Equal(Codes(cs.Concept).Count(), Codes(cs.Concept).Distinct().Count());
            Assert.NotNull(Loaded.FindByUrl(cs.ValueSet!));
        }
    }

    [Fact]
    public void Every_binding_and_profile_reference_under_the_base_resolves_in_the_package()
    {
        foreach (var sd in Loaded.Resources.OfType<StructureDefinition>())
        {
            foreach (var e in sd.Differential!.Element)
            {
                if (e.Binding?.ValueSet is { } vs && vs.StartsWith(Base, StringComparison.Ordinal))
                {
                    Assert.IsType<ValueSet>(Loaded.FindByUrl(vs));
                }

                foreach (var canonical in e.Type.SelectMany(t => t.Profile.Concat(t.TargetProfile)).Select(u => u!).Where(u => u.StartsWith(Base, StringComparison.Ordinal)))
                {
                    Assert.True(Loaded.FindByUrl(canonical) is StructureDefinition, $"{sd.Id} {e.ElementId} names unknown {canonical}");
                }
            }
        }
    }
}
