using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>Conditional update and delete (PUT/DELETE [type]?criteria): none, one, several matches.</summary>
public sealed class ConditionalWriteTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const string MedicaidSystem = "https://kancare.example/medicaid-id";
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Conditional_update_with_no_match_creates_and_with_one_match_updates_it()
    {
        var medicaidId = NewMedicaidId();
        var url = $"Patient?identifier={MedicaidSystem}|{medicaidId}";
        var body = Member(medicaidId, "First");

        using var create = await _client.SendAsync(HttpMethod.Put, url, FhirHttp.Body(body));
        var created = await create.ReadAsync<Patient>();
        using var update = await _client.SendAsync(HttpMethod.Put, url, FhirHttp.Body(Member(medicaidId, "Second")));
        var updated = await update.ReadAsync<Patient>();

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal("2", updated.Meta?.VersionId);
        Assert.Equal("Second", updated.Name[0].Family);
    }

    [Fact]
    public async Task Conditional_update_matching_several_is_412_and_changes_nothing()
    {
        var medicaidId = NewMedicaidId();
        var a = await _client.CreateAsync(Member(medicaidId, "A"));
        await _client.CreateAsync(Member(medicaidId, "B"));

        using var response = await _client.SendAsync(HttpMethod.Put, $"Patient?identifier={MedicaidSystem}|{medicaidId}", FhirHttp.Body(Member(medicaidId, "C")));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.MultipleMatches, (await response.ReadAsync<OperationOutcome>()).Issue[0].Code);
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{a.Id}");
        Assert.Equal("A", (await read.ReadAsync<Patient>()).Name[0].Family);
    }

    [Fact]
    public async Task Conditional_delete_removes_the_one_match()
    {
        var medicaidId = NewMedicaidId();
        var member = await _client.CreateAsync(Member(medicaidId, "Gone"));

        using var delete = await _client.SendAsync(HttpMethod.Delete, $"Patient?identifier={MedicaidSystem}|{medicaidId}");
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{member.Id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
    }

    [Fact]
    public async Task Conditional_delete_matching_several_is_412()
    {
        var medicaidId = NewMedicaidId();
        await _client.CreateAsync(Member(medicaidId, "A"));
        await _client.CreateAsync(Member(medicaidId, "B"));

        using var delete = await _client.SendAsync(HttpMethod.Delete, $"Patient?identifier={MedicaidSystem}|{medicaidId}");

        Assert.Equal(HttpStatusCode.PreconditionFailed, delete.StatusCode);
    }

    [Fact]
    public async Task Conditional_criteria_with_an_unknown_parameter_are_400_not_a_match_on_everything()
    {
        await _client.CreateAsync(Member(NewMedicaidId(), "Safe"));

        using var delete = await _client.SendAsync(HttpMethod.Delete, "Patient?not-a-parameter=x");

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
    }

    private static string NewMedicaidId() => "KS" + Guid.NewGuid().ToString("N")[..10];

    private static Patient Member(string medicaidId, string family) => new()
    {
        Identifier = [new Identifier(MedicaidSystem, medicaidId)],
        Name = [new HumanName { Family = family }],
    };
}
