using System.Net;
using System.Net.Sockets;
using System.Text;
using HealthHomes.Fhir.Testing;
using Microsoft.AspNetCore.Hosting;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Large request bodies are read a bounded number at a time (FhirServer:LargeBodyBytes, MaxConcurrentLargeBodies,
/// LargeBodyQueueLimit): beyond the permits and the queue, 429 with Retry-After and an OperationOutcome. Here the
/// limits are small (2 MB bodies at most, bodies over 256 KB are large, one at a time, no queue) to keep the test fast.
/// </summary>
public sealed class LargeBodyConcurrencyTests(LargeBodyConcurrencyTests.Server server) : IClassFixture<LargeBodyConcurrencyTests.Server>
{
    private const int MaxBody = 2 * 1024 * 1024;

    private readonly HttpClient _client = server.CreateFhirClient();

    /// <summary>Small limits: 2 MB bodies at most, bodies over 256 KB are large, one at a time, no queue.</summary>
    private static readonly KeyValuePair<string, string?>[] Limits =
    [
        new("FhirServer:MaxRequestBodyBytes", MaxBody.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("FhirServer:LargeBodyBytes", "262144"),
        new("FhirServer:MaxConcurrentLargeBodies", "1"),
        new("FhirServer:LargeBodyQueueLimit", "0"),
    ];

    public sealed class Server : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => Limits;
    }

    /// <summary>
    /// The same limits on Kestrel: a body half sent on a socket is really half sent there (the TestServer's client may
    /// hand the server a request only once its body is complete).
    /// </summary>
    public sealed class KestrelServer : KestrelFhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => Limits;

        /// <summary>
        /// The held body sends nothing until released; Kestrel's minimum body data rate (240 B/s after a 5 s grace) would
        /// reset it when the 429 is slow to come on a busy machine, which is not what this test is about.
        /// </summary>
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureKestrel(kestrel => kestrel.Limits.MinRequestBodyDataRate = null);
        }
    }

    [Fact]
    public async Task A_large_body_while_another_is_being_read_is_429_with_Retry_After_and_an_OperationOutcome()
    {
        using var kestrel = new KestrelServer();
        var body = Encoding.UTF8.GetBytes(PatientJson(512 * 1024));

        // One small authorized request first, so the second large body below does not hold the permit for the token
        // validation's first-use set-up while the first one arrives (it would then be the first one that is refused).
        using (var warm = await kestrel.Client.SendAsync(HttpMethod.Get, "Patient?_count=1"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        // The first body is sent half on a raw socket and held there: it takes the one permit and keeps it.
        using var socket = new TcpClient();
        await socket.ConnectAsync(kestrel.Address.Host, kestrel.Address.Port);
        var stream = socket.GetStream();
        var head = $"POST /fhir/Patient HTTP/1.1\r\nHost: {kestrel.Address.Authority}\r\nAuthorization: Bearer {kestrel.Token}\r\nContent-Type: {FhirHttp.Json}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await stream.FlushAsync();
        await Task.Delay(200);

        // Until the server has taken the first request in, a second large body may still get through: try again.
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 100 && refused is null; attempt++)
        {
            var second = await kestrel.Client.SendAsync(HttpMethod.Post, "Patient", Sized(PatientJson(300 * 1024)));
            if (second.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = second;
            }
            else
            {
                second.Dispose();
                await Task.Delay(50);
            }
        }

        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        await stream.FlushAsync();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 201", statusLine, StringComparison.Ordinal);

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(refused.Headers.RetryAfter is not null, "429 without Retry-After");
            var issue = Assert.Single((await refused.ReadAsync<OperationOutcome>()).Issue);
            Assert.Equal(OperationOutcome.IssueType.Throttled, issue.Code);
        }

        await new HardeningProbe(kestrel, kestrel.Client).AssertAliveAsync("after a refused large body");
    }

    [Fact]
    public async Task A_flood_of_16_bodies_near_the_limit_answers_each_with_2xx_4xx_or_429_and_the_server_stays_up()
    {
        var bodies = Enumerable.Range(0, 16).Select(i => PatientJson(i % 2 == 0 ? MaxBody - 4096 : MaxBody + 4096)).ToArray();

        var answers = await Task.WhenAll(bodies.Select(async body =>
        {
            using var response = await _client.SendAsync(HttpMethod.Post, "Patient", Sized(body));
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            return (status, text);
        }));

        foreach (var (status, text) in answers)
        {
            Assert.True(status is >= 200 and < 300 or >= 400 and < 500, $"answered {status}");
            if (status >= 400)
            {
                Assert.Contains("\"resourceType\":\"OperationOutcome\"", text, StringComparison.Ordinal);
            }
        }

        await new HardeningProbe(server, _client).AssertAliveAsync("after a flood of large bodies");
    }

    /// <summary>
    /// A body that announces its length: a socket client always sends Content-Length for a string, but TestServer copies
    /// only the content headers already computed, so the length is computed here.
    /// </summary>
    private static StringContent Sized(string json)
    {
        var content = FhirHttp.Body(json);
        Assert.NotNull(content.Headers.ContentLength);
        return content;
    }

    /// <summary>A Patient whose JSON is about <paramref name="bytes"/> long (the padding is a long family name).</summary>
    private static string PatientJson(int bytes) =>
        $$"""{"resourceType":"Patient","name":[{"family":"{{new string('x', Math.Max(1, bytes - 60))}}"}]}""";
}
