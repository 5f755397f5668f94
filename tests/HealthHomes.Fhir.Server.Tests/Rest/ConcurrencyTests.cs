using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>Writers racing on one resource: versions are never lost or duplicated.</summary>
public sealed class ConcurrencyTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Of_many_updates_with_the_same_If_Match_exactly_one_wins()
    {
        var created = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Race" }] });
        var start = new TaskCompletionSource();

        var racers = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.Task;
            var copy = (Patient)created.DeepCopy();
            copy.Name[0].Given = [$"Racer{i}"];
            using var response = await _client.SendAsync(HttpMethod.Put, $"Patient/{created.Id}", FhirHttp.Body(copy), ("If-Match", "W/\"1\""));
            return response.StatusCode;
        }).ToList();
        start.SetResult();
        var statuses = await Task.WhenAll(racers);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}");
        Assert.Equal("W/\"2\"", read.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Concurrent_unconditional_updates_each_get_their_own_version()
    {
        var created = await _client.CreateAsync(new Patient());

        var updates = Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await _client.SendAsync(HttpMethod.Put, $"Patient/{created.Id}", FhirHttp.Body(created));
            return response.Headers.ETag!.ToString();
        });
        var etags = await Task.WhenAll(updates);

        Assert.Equal(10, etags.Distinct().Count());
        using var v11 = await _client.SendAsync(HttpMethod.Get, $"Patient/{created.Id}/_history/11");
        Assert.Equal(HttpStatusCode.OK, v11.StatusCode);
    }

    [Fact]
    public async Task Concurrent_conditional_creates_with_the_same_If_None_Exist_make_one_resource()
    {
        var medicaidId = "KS" + Guid.NewGuid().ToString("N")[..10];
        var body = $$"""{"resourceType":"Patient","identifier":[{"system":"https://kancare.example/medicaid-id","value":"{{medicaidId}}"}]}""";
        var start = new TaskCompletionSource();

        var creates = Enumerable.Range(0, 6).Select(async _ =>
        {
            await start.Task;
            using var response = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body(body), ("If-None-Exist", $"identifier=https://kancare.example/medicaid-id|{medicaidId}"));
            return (response.StatusCode, (await response.ReadAsync<Patient>()).Id);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(creates);

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(results.Select(r => r.Id).Distinct());
    }

    [Fact]
    public async Task Conditional_create_matching_several_is_412()
    {
        var tag = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 2; i++)
        {
            await _client.CreateAsync(new Patient { Meta = new Meta { Tag = [new Coding("urn:test", tag)] } });
        }

        using var response = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body("{\"resourceType\":\"Patient\"}"), ("If-None-Exist", $"_tag=urn:test|{tag}"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }
}
