using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>The data lives in the database file: a new server process on the same folder serves what the last one stored.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Resources_history_and_search_survive_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hhfhir-tests", "restart-" + Guid.NewGuid().ToString("N"));
        string id;
        using (var first = new SameFolderServer(folder))
        {
            var client = first.CreateFhirClient();
            var created = await client.CreateAsync(new Patient { Name = [new HumanName { Family = "Persistent" }] });
            id = created.Id!;
            using var update = await client.SendAsync(HttpMethod.Put, $"Patient/{id}", FhirHttp.Body(created));
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        using var second = new SameFolderServer(folder);
        var again = second.CreateFhirClient();
        using var read = await again.SendAsync(HttpMethod.Get, $"Patient/{id}");
        using var history = await again.SendAsync(HttpMethod.Get, $"Patient/{id}/_history");
        using var search = await again.SendAsync(HttpMethod.Get, "Patient?family=persistent");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("W/\"2\"", read.Headers.ETag!.ToString());
        Assert.Equal(2, (await history.ReadAsync<Bundle>()).Entry.Count);
        Assert.Contains((await search.ReadAsync<Bundle>()).Entry, e => e.Resource?.Id == id);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A server on a given data folder, which it leaves in place when it stops.</summary>
    private sealed class SameFolderServer(string folder) : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:DataDirectory", folder)];
    }
}
