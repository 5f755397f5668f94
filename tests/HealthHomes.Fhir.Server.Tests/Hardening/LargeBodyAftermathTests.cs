using System.Globalization;
using HealthHomes.Fhir.Server.Hosting;
using HealthHomes.Fhir.Testing;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// After a burst of large bodies, once none has been in flight for FhirServer:CollectAfterLargeBodiesSeconds, the server
/// requests one compacting collection (so the heap the burst grew goes back to the operating system); small bodies
/// never do. Counted, not timed: the quiet period is short here and the test waits for the count, then checks it stays.
/// </summary>
public sealed class LargeBodyAftermathTests
{
    private const double QuietSeconds = 0.2;

    public sealed class Server : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("FhirServer:MaxRequestBodyBytes", (2 * 1024 * 1024).ToString(CultureInfo.InvariantCulture)),
            new("FhirServer:LargeBodyBytes", "262144"),
            new("FhirServer:MaxConcurrentLargeBodies", "2"),
            new("FhirServer:LargeBodyQueueLimit", "8"),
            new("FhirServer:CollectAfterLargeBodiesSeconds", QuietSeconds.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    [Fact]
    public async Task A_burst_of_large_bodies_is_followed_by_one_full_collection()
    {
        using var server = new Server();
        using var client = server.CreateFhirClient();
        var aftermath = server.Services.GetRequiredService<LargeBodyAftermath>();
        var fullCollections = GC.CollectionCount(2);

        // Valid ones (201) and ones the parser refuses (a family over FHIR's 1 MB string limit: 400), at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var response = await client.SendAsync(HttpMethod.Post, "Patient", Sized(PatientJson(i % 2 == 0 ? 400 * 1024 : 1_200_000)));
            return (int)response.StatusCode;
        }));
        Assert.All(answers, status => Assert.True(status is 201 or 400 or 429, $"answered {status}"));

        await WaitForAsync(() => aftermath.Collections > 0, "no collection after the burst");
        Assert.True(GC.CollectionCount(2) > fullCollections, "no generation 2 collection happened");

        // Small bodies afterwards, and several quiet periods: still the one collection.
        for (var i = 0; i < 5; i++)
        {
            using var small = await client.SendAsync(HttpMethod.Post, "Patient", Sized(PatientJson(200)));
        }

        await Task.Delay(TimeSpan.FromSeconds(QuietSeconds * 10));
        Assert.Equal(1, aftermath.Collections);
        await new HardeningProbe(server, client).AssertAliveAsync("after the collection");
    }

    [Fact]
    public async Task Small_bodies_request_no_collection()
    {
        using var server = new Server();
        using var client = server.CreateFhirClient();
        var aftermath = server.Services.GetRequiredService<LargeBodyAftermath>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await client.SendAsync(HttpMethod.Post, "Patient", Sized(PatientJson(100 * 1024)));
        }));

        await Task.Delay(TimeSpan.FromSeconds(QuietSeconds * 10));
        Assert.Equal(0, aftermath.Collections);
    }

    private static async Task WaitForAsync(Func<bool> condition, string because)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.True(waited < HardeningProbe.StuckAfter, because);
            await Task.Delay(50);
        }
    }

    /// <summary>A body that announces its length (the TestServer passes on only a computed one; without it the body counts as large).</summary>
    private static StringContent Sized(string json)
    {
        var content = FhirHttp.Body(json);
        Assert.NotNull(content.Headers.ContentLength);
        return content;
    }

    private static string PatientJson(int bytes) =>
        $$"""{"resourceType":"Patient","name":[{"family":"{{new string('x', Math.Max(1, bytes - 60))}}"}]}""";
}
