using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Resources with thousands of repeated elements. Those within Storage:MaxIndexRowsPerResource (50,000 by default)
/// are stored, their index rows written in statements under SQLite's bound-variable limit, and can be read back and
/// found by their last element; those beyond it are refused with 422 naming the limit, the store unchanged.
/// </summary>
public sealed class RepeatedElementTests(FhirServerFactory server) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    /// <summary>(case, the search that must find the resource by its last repeated element, how many elements it has).</summary>
    public static TheoryData<string, string, int> Stored => new()
    {
        { "Group with 9,000 members", "Group?member=Patient/member-8999", 9000 },
        { "List with 9,000 entries", "List?item=Patient/entry-8999", 9000 },
        { "Patient with 10,000 identifiers", "Patient?identifier=urn:hardening:id|id-9999", 10_000 },
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public async Task Stored_read_back_and_found_by_its_last_element(string name, string search, int elements)
    {
        var resource = Build(name);

        using var created = await _client.SendAsync(HttpMethod.Post, resource.TypeName, FhirHttp.Body(resource));
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var id = (await created.ReadAsync<Resource>()).Id;

        using var read = await _client.SendAsync(HttpMethod.Get, $"{resource.TypeName}/{id}");
        Assert.Equal(elements, Count(await read.ReadAsync<Resource>()));
        using var found = await _client.SendAsync(HttpMethod.Get, search);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(id, Assert.Single((await found.ReadAsync<Bundle>()).Entry).Resource?.Id);
        await new HardeningProbe(server, _client).AssertAliveAsync(name);
    }

    /// <summary>(case, the FHIRPath of the parameter whose rows pass the limit).</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { "CodeSystem with 100,000 concepts", "code" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refused_with_422_naming_the_limit_and_the_store_unchanged(string name, string parameter)
    {
        var probe = new HardeningProbe(server, _client);
        var before = await probe.FingerprintAsync();
        var resource = Build(name);

        using var response = await _client.SendAsync(HttpMethod.Post, resource.TypeName, FhirHttp.Body(resource));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var issue = Assert.Single((await response.ReadAsync<OperationOutcome>()).Issue);
        Assert.Equal(OperationOutcome.IssueType.TooCostly, issue.Code);
        Assert.Contains("50000", issue.Diagnostics ?? "", StringComparison.Ordinal);
        Assert.Contains(issue.Expression, e => (e ?? "").Contains(parameter, StringComparison.Ordinal));
        await probe.AssertUnchangedAndAliveAsync(before, name);
    }

    private static Resource Build(string name) => name switch
    {
        "Group with 9,000 members" => new Group
        {
            Type = Group.GroupType.Person,
            Actual = true,
            Member = [.. Enumerable.Range(0, 9000).Select(i => new Group.MemberComponent { Entity = new ResourceReference($"Patient/member-{i}") })],
        },
        "List with 9,000 entries" => new List
        {
            Status = List.ListStatus.Current,
            Mode = ListMode.Working,
            Entry = [.. Enumerable.Range(0, 9000).Select(i => new List.EntryComponent { Item = new ResourceReference($"Patient/entry-{i}") })],
        },
        "Patient with 10,000 identifiers" => new Patient
        {
            Identifier = [.. Enumerable.Range(0, 10_000).Select(i => new Identifier("urn:hardening:id", $"id-{i}"))],
        },
        "CodeSystem with 100,000 concepts" => new CodeSystem
        {
            Url = "urn:hardening:codesystem:" + Guid.NewGuid().ToString("N"),
            Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Complete,
            Concept = [.. Enumerable.Range(0, 100_000).Select(i => new CodeSystem.ConceptDefinitionComponent { Code = $"c-{i}" })],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name),
    };

    private static int Count(Resource resource) => resource switch
    {
        Group g => g.Member.Count,
        List l => l.Entry.Count,
        Patient p => p.Identifier.Count,
        _ => -1,
    };
}
