using HealthHomes.Fhir.Conformance.Specification;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

public sealed class BaseDefinitionsTests
{
    [Fact]
    public void Every_shipped_definition_parses()
    {
        var core = R4BaseDefinitions.Instance;
        Assert.True(core.Count > 2000);
        foreach (var url in core.Urls)
        {
            Assert.NotNull(core.Find(url));
        }
    }

    [Theory]
    [InlineData("http://hl7.org/fhir/StructureDefinition/Task")]
    [InlineData("http://hl7.org/fhir/StructureDefinition/HumanName")]
    [InlineData("http://hl7.org/fhir/StructureDefinition/patient-birthTime")]
    public void Structure_definitions_come_with_snapshots(string url) =>
        Assert.NotEmpty(((StructureDefinition)R4BaseDefinitions.Instance.Find(url + "|4.0.1")!).Snapshot!.Element);

    [Fact]
    public void Differential_only_profiles_get_a_snapshot_from_the_sdk()
    {
        var harness = new ValidatorHarness();
        var sd = harness.Source.Current.FindStructureDefinition(TestProfiles.Task)!;
        Assert.Contains(sd.Snapshot!.Element, e => e.ElementId == "Task.input:modality.type");
        Assert.Contains(sd.Snapshot!.Element, e => e.Path == "Task.status");
    }
}
