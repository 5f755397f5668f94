using System.Net;
using Xunit;

namespace HealthHomes.Fhir.Testing;

/// <summary>
/// The three checks every hardening test makes after sending a bad or extreme request: the server still answers,
/// the store is exactly as it was (<see cref="StoreFingerprint"/>), and a small write still completes. "Promptly" is a
/// liveness bound (a write stuck behind a held lock never returns), not a timing assertion: the bound is generous
/// and the test fails only when the write does not complete at all within it.
/// </summary>
public sealed class HardeningProbe(FhirServerFactory factory, HttpClient client)
{
    /// <summary>How long a small write may take before the server is judged stuck (a noisy 2-core CI machine included).</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);

    public Task<StoreFingerprint> FingerprintAsync() => StoreFingerprint.TakeAsync(factory.DatabasePath);

    /// <summary>The store is unchanged since <paramref name="before"/>; then the server answers a read and a small write.</summary>
    public async Task AssertUnchangedAndAliveAsync(StoreFingerprint before, string because)
    {
        ArgumentNullException.ThrowIfNull(before);
        Assert.True(before == await FingerprintAsync(), $"{because}: the store changed");
        await AssertAliveAsync(because).ConfigureAwait(false);
    }

    /// <summary>The server answers /metadata and stores a small Patient within <see cref="StuckAfter"/>.</summary>
    public async Task AssertAliveAsync(string because)
    {
        using var timeout = new CancellationTokenSource(StuckAfter);
        using var metadata = await client.GetAsync(new Uri("metadata", UriKind.Relative), timeout.Token).ConfigureAwait(false);
        Assert.True(metadata.StatusCode == HttpStatusCode.OK, $"{because}: /metadata answered {(int)metadata.StatusCode}");
        using var write = new HttpRequestMessage(HttpMethod.Post, "Patient") { Content = FhirHttp.Body("""{"resourceType":"Patient","name":[{"family":"Probe"}]}""") };
        HttpResponseMessage created;
        try
        {
            created = await client.SendAsync(write, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{because}: a small write did not complete within {StuckAfter.TotalSeconds} s");
        }

        using (created)
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{because}: a small write answered {(int)created.StatusCode}");
        }
    }
}
