using System.Net;
using System.Text;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// A write that holds the store's write lock past Storage:MaxWriteSeconds is rolled back and answered 503 with
/// Retry-After and an OperationOutcome, and the lock is free again: here the limit is 1 ms, so a transaction of a few
/// hundred entries always passes it. The next write is answered (503 again, but answered: a lock still held would
/// leave it waiting), and nothing of either is stored.
/// </summary>
public sealed class WriteHoldLimitTests(WriteHoldLimitTests.Server server) : IClassFixture<WriteHoldLimitTests.Server>
{
    public sealed class Server : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:MaxWriteSeconds", "0.001")];
    }

    [Fact]
    public async Task A_write_past_the_hold_limit_is_503_with_Retry_After_rolled_back_and_the_lock_released()
    {
        // A plain client: the 503 is the answer under test, not a server fault.
        using var client = server.CreateClient();
        var before = await StoreFingerprint.TakeAsync(server.DatabasePath);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var timeout = new CancellationTokenSource(HardeningProbe.StuckAfter);
            using var content = new StringContent(TransactionOfPatients(300), Encoding.UTF8, FhirHttp.Json);
            using var response = await client.PostAsync(new Uri("/fhir", UriKind.Relative), content, timeout.Token);

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
            Assert.NotNull(response.Headers.RetryAfter);
            var issue = Assert.Single((await response.ReadAsync<OperationOutcome>()).Issue);
            Assert.Equal(OperationOutcome.IssueType.Timeout, issue.Code);
            Assert.Contains("rolled back", issue.Diagnostics, StringComparison.Ordinal);
        }

        Assert.Equal(before, await StoreFingerprint.TakeAsync(server.DatabasePath));
        using var read = await client.GetAsync(new Uri("/fhir/Patient?_count=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static string TransactionOfPatients(int count)
    {
        var entries = Enumerable.Range(0, count).Select(i =>
            $$$"""{"resource":{"resourceType":"Patient","name":[{"family":"Hold{{{i}}}"}]},"request":{"method":"POST","url":"Patient"}}""");
        return $$"""{"resourceType":"Bundle","type":"transaction","entry":[{{string.Join(',', entries)}}]}""";
    }
}
