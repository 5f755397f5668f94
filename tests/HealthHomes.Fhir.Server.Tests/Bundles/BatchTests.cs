using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Bundles.BundleEntries;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Bundles;

/// <summary>batch Bundles (https://hl7.org/fhir/R4/http.html#brules): each entry on its own, failures reported per entry.</summary>
public sealed class BatchTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task A_failing_entry_is_reported_in_its_response_and_the_others_are_still_stored()
    {
        var putId = "ks-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await _client.PostBundleAsync(Batch(
            Post(new Patient { Name = [new HumanName { Family = "Reyes" }] }),
            Put(new Patient { Id = "someone-else" }, $"Patient/{putId}"),
            Get("Patient/never-created"),
            Put(new Organization { Id = putId, Name = "HHP" }, $"Organization/{putId}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.BatchResponse, result.Type);
        Assert.Equal(["201 Created", "400 Bad Request", "404 Not Found", "201 Created"], result.Entry.Select(e => e.Response!.Status));
        var invalid = Assert.IsType<OperationOutcome>(result.Entry[1].Response!.Outcome);
        Assert.Contains(invalid.Issue, i => i.Expression.Contains("Bundle.entry[1].resource.id"));
        Assert.Equal(OperationOutcome.IssueType.NotFound, Assert.IsType<OperationOutcome>(result.Entry[2].Response!.Outcome).Issue[0].Code);

        Assert.Equal("Reyes", (await _client.ReadAsync<Patient>(LocationOf(result.Entry[0]))).Name[0].Family);
        Assert.Equal("HHP", (await _client.ReadAsync<Organization>($"Organization/{putId}")).Name);
        using var notStored = await _client.SendAsync(HttpMethod.Get, $"Patient/{putId}");
        Assert.Equal(HttpStatusCode.NotFound, notStored.StatusCode);
    }

    [Fact]
    public async Task Reads_return_the_resource_and_a_version_conflict_is_412_for_that_entry_only()
    {
        var patient = await _client.CreateAsync(new Patient { Active = true });
        patient.Active = false;

        using var response = await _client.PostBundleAsync(Batch(
            Get($"Patient/{patient.Id}"),
            Put(patient, $"Patient/{patient.Id}", ifMatch: "W/\"9\""),
            Patch($"Patient/{patient.Id}", """[{"op":"add","path":"/gender","value":"other"}]""")));

        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(["200 OK", "412 Precondition Failed", "200 OK"], result.Entry.Select(e => e.Response!.Status));
        Assert.Equal(patient.Id, result.Entry[0].Resource!.Id);
        Assert.Equal("W/\"1\"", result.Entry[0].Response!.Etag);
        var stored = await _client.ReadAsync<Patient>($"Patient/{patient.Id}");
        Assert.True(stored.Active);
        Assert.Equal(AdministrativeGender.Other, stored.Gender);
    }

    [Fact]
    public async Task An_entry_the_parser_rejects_is_400_in_its_response_and_the_other_entries_run()
    {
        var id = "ks-" + Guid.NewGuid().ToString("N")[..12];
        var json = $$$"""
            {"resourceType":"Bundle","type":"batch","entry":[
              {"resource":{"resourceType":"Patient","id":"{{{id}}}"},"request":{"method":"PUT","url":"Patient/{{{id}}}"}},
              {"resource":{"resourceType":"Patient","favouriteColour":"blue"},"request":{"method":"POST","url":"Patient"}},
              {"resource":{"resourceType":"Organization","name":"HHP"},"request":{"method":"POST","url":"Organization"}}
            ]}
            """;

        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(["201 Created", "400 Bad Request", "201 Created"], result.Entry.Select(e => e.Response!.Status));
        Assert.Contains(Assert.IsType<OperationOutcome>(result.Entry[1].Response!.Outcome).Issue, i => i.Expression.Any(e => e!.Contains("entry[1]", StringComparison.Ordinal) && e.Contains("favouriteColour", StringComparison.Ordinal)));
        await _client.ReadAsync<Patient>($"Patient/{id}");
    }

    [Fact]
    public async Task Entry_urls_that_are_not_interactions_fail_only_their_entry()
    {
        using var response = await _client.PostBundleAsync(Batch(
            Get("Patient/x/$everything"),
            Get("http://elsewhere.example/fhir/Patient/1"),
            Patch("Patient/x", "[]") is var patch ? new Bundle.EntryComponent { Resource = new Parameters { Parameter = [new Parameters.ParameterComponent { Name = "operation" }] }, Request = patch.Request } : null!,
            Post(new Patient { Active = true })));

        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(["400 Bad Request", "400 Bad Request", "400 Bad Request", "201 Created"], result.Entry.Select(e => e.Response!.Status));
        Assert.All(result.Entry.Take(3), (e, i) => Assert.Contains(Assert.IsType<OperationOutcome>(e.Response!.Outcome).Issue, issue => issue.Expression.Any(x => x!.StartsWith($"Bundle.entry[{i}]", StringComparison.Ordinal))));
    }
}
