using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>create, read, vread, update, update-as-create and delete over HTTP on a real database file.</summary>
public sealed class CrudTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Create_assigns_an_id_and_answers_201_with_Location_ETag_and_LastModified()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body("""{"resourceType":"Patient","id":"client-chosen","name":[{"family":"Reyes"}]}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<Patient>();
        Assert.NotEqual("client-chosen", created.Id);
        Assert.Equal("1", created.Meta?.VersionId);
        Assert.Equal($"http://localhost/fhir/Patient/{created.Id}/_history/1", response.Headers.Location!.ToString());
        Assert.Equal("W/\"1\"", response.Headers.ETag!.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task Read_returns_what_was_created_and_vread_returns_each_version()
    {
        var created = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Okafor" }] });
        created.Name[0].Family = "Okafor-Smith";
        using var update = await _client.SendAsync(HttpMethod.Put, $"Patient/{created.Id}", FhirHttp.Body(created));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("W/\"2\"", update.Headers.ETag!.ToString());

        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}");
        using var v1 = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}/_history/1");

        Assert.Equal("Okafor-Smith", (await read.ReadAsync<Patient>()).Name[0].Family);
        Assert.Equal("Okafor", (await v1.ReadAsync<Patient>()).Name[0].Family);
        Assert.Equal("W/\"1\"", v1.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Put_to_a_new_client_chosen_id_creates_it_with_201()
    {
        var id = "ks-member-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await _client.SendAsync(HttpMethod.Put, $"Patient/{id}", FhirHttp.Body($$"""{"resourceType":"Patient","id":"{{id}}"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Numeric_and_dotted_ids_are_legal()
    {
        foreach (var id in new[] { "123", "2.16.840.1.113883.19.5" })
        {
            using var put = await _client.SendAsync(HttpMethod.Put, $"Organization/{id}", FhirHttp.Body($$"""{"resourceType":"Organization","id":"{{id}}","name":"HHP"}"""));
            Assert.True(put.IsSuccessStatusCode, $"PUT Organization/{id} answered {put.StatusCode}");
            using var read = await _client.SendAsync(HttpMethod.Get, $"Organization/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }

    [Fact]
    public async Task Delete_keeps_a_tombstone_read_is_410_and_old_versions_stay_readable()
    {
        var created = await _client.CreateAsync(new CarePlan { Status = RequestStatus.Active, Intent = CarePlan.CarePlanIntent.Plan, Subject = new ResourceReference("Patient/x") });

        using var delete = await _client.SendAsync(HttpMethod.Delete, $"CarePlan/{created.Id}");
        using var read = await _client.SendAsync(HttpMethod.Get, $"CarePlan/{created.Id}");
        using var v1 = await _client.SendAsync(HttpMethod.Get, $"CarePlan/{created.Id}/_history/1");
        using var v2 = await _client.SendAsync(HttpMethod.Get, $"CarePlan/{created.Id}/_history/2");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Deleted, (await read.ReadAsync<OperationOutcome>()).Issue[0].Code);
        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, v2.StatusCode);
    }

    [Fact]
    public async Task A_deleted_resource_can_be_recreated_and_continues_its_version_numbers()
    {
        var created = await _client.CreateAsync(new Goal { LifecycleStatus = Goal.GoalLifecycleStatus.Active, Description = new CodeableConcept { Text = "Find work" }, Subject = new ResourceReference("Patient/x") });
        using var delete = await _client.SendAsync(HttpMethod.Delete, $"Goal/{created.Id}");
        created.Meta = null;

        using var put = await _client.SendAsync(HttpMethod.Put, $"Goal/{created.Id}", FhirHttp.Body(created));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("W/\"3\"", put.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Read_of_an_unknown_id_is_404_with_an_OperationOutcome()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "Patient/never-created");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotFound, (await response.ReadAsync<OperationOutcome>()).Issue[0].Code);
    }
}
