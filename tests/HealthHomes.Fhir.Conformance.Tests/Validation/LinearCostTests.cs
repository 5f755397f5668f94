using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>
/// Validating a resource of N repeated elements costs N: counted as the SDK nodes built to evaluate invariants (no
/// clock). Each Group member's and List entry's Reference has a FHIRPath invariant (ref-1); reaching its node once
/// rebuilt the whole member list per member, N x N nodes.
/// </summary>
public sealed class LinearCostTests
{
    public static TheoryData<string> Shapes => new() { "group-members", "list-entries", "contained-references" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Doubling_the_repeated_elements_doubles_the_nodes_built_for_invariants(string shape)
    {
        var once = NodesBuilt(shape, 200);
        var twice = NodesBuilt(shape, 400);

        Assert.True(once > 200, $"{shape}: expected at least one node per element, got {once}");
        Assert.True(twice <= (2 * once) + 20, $"{shape}: 200 elements built {once} nodes, 400 built {twice}: more than twice as many");
    }

    private static long NodesBuilt(string shape, int n)
    {
        var harness = new ValidatorHarness();
        var result = harness.Validate(Build(shape, n));
        ValidatorHarness.AssertNoErrors(result);
        return harness.Validator.SdkNodesBuilt;
    }

    private static Resource Build(string shape, int n) => shape switch
    {
        "group-members" => new Group
        {
            Type = Group.GroupType.Person,
            Actual = true,
            Member = [.. Enumerable.Range(0, n).Select(i => new Group.MemberComponent { Entity = new ResourceReference($"Patient/p{i}") })],
        },
        "list-entries" => new List
        {
            Status = List.ListStatus.Current,
            Mode = ListMode.Working,
            Entry = [.. Enumerable.Range(0, n).Select(i => new List.EntryComponent { Item = new ResourceReference($"Patient/p{i}") })],
        },
        _ => new Patient
        {
            Contained = [new Organization { Id = "org", Name = "Clinic" }],
            GeneralPractitioner = [.. Enumerable.Range(0, n).Select(_ => new ResourceReference("#org"))],
        },
    };
}
