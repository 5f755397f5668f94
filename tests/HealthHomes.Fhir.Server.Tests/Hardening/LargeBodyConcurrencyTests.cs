using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HealthHomes.Fhir.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Large request bodies are read a bounded number at a time (FhirServer:LargeBodyBytes, MaxConcurrentLargeBodies,
/// LargeBodyQueueLimit): beyond the permits and the queue, 429 with Retry-After and an OperationOutcome. Here the
/// limits are small (2 MB bodies at most, bodies over 256 KB are large, one at a time, no queue) to keep the test fast.
/// The server runs on Kestrel with a socket client, so a body half sent is really half sent (the TestServer's client may
/// buffer a request body before the server sees the request).
/// </summary>
public sealed class LargeBodyConcurrencyTests(LargeBodyConcurrencyTests.Server server) : IClassFixture<LargeBodyConcurrencyTests.Server>
{
    private const int MaxBody = 2 * 1024 * 1024;

    private readonly HttpClient _client = server.Client;

    public sealed class Server : FhirServerFactory
    {
        public Server()
        {
            UseKestrel(0);
            StartServer();
            var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            Client = new HttpClient(new ServerErrorGuard { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = new Uri(address, "fhir/") };
        }

        public HttpClient Client { get; }

        protected override void Dispose(bool disposing)
        {
            Client.Dispose();
            base.Dispose(disposing);
        }

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("FhirServer:MaxRequestBodyBytes", MaxBody.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("FhirServer:LargeBodyBytes", "262144"),
            new("FhirServer:MaxConcurrentLargeBodies", "1"),
            new("FhirServer:LargeBodyQueueLimit", "0"),
        ];
    }

    [Fact]
    public async Task A_large_body_while_another_is_being_read_is_429_with_Retry_After_and_an_OperationOutcome()
    {
        using var held = new HeldBody(Encoding.UTF8.GetBytes(PatientJson(512 * 1024)));
        var first = _client.PostAsync(new Uri("Patient", UriKind.Relative), held.Content());

        // The first body never finishes until released, so once it holds the one permit every other large body is
        // turned away. Until it does (it is still on its way in), a second one may get through: try again.
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 200 && refused is null; attempt++)
        {
            var second = await _client.SendAsync(HttpMethod.Post, "Patient", Sized(PatientJson(300 * 1024)));
            if (second.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = second;
            }
            else
            {
                second.Dispose();
                await Task.Delay(25);
            }
        }

        held.Release();
        using (var answered = await first)
        {
            Assert.True(answered.IsSuccessStatusCode || (int)answered.StatusCode is >= 400 and < 500, $"the held body answered {(int)answered.StatusCode}");
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(refused.Headers.RetryAfter is not null, "429 without Retry-After");
            var issue = Assert.Single((await refused.ReadAsync<OperationOutcome>()).Issue);
            Assert.Equal(OperationOutcome.IssueType.Throttled, issue.Code);
        }

        await new HardeningProbe(server, _client).AssertAliveAsync("after a refused large body");
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

    /// <summary>A request body that sends its first half and then waits until released.</summary>
    private sealed class HeldBody(byte[] bytes) : IDisposable
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HttpContent Content()
        {
            var content = new StreamContent(new HeldStream(bytes, _released.Task));
            content.Headers.ContentType = new MediaTypeHeaderValue(FhirHttp.Json);
            content.Headers.ContentLength = bytes.Length;
            return content;
        }

        public void Release() => _released.TrySetResult();

        public void Dispose() => Release();
    }

    private sealed class HeldStream(byte[] bytes, Task released) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var half = bytes.Length / 2;
            if (_position >= half)
            {
                await released.WaitAsync(cancellationToken);
            }

            var n = Math.Min(buffer.Length, (_position < half ? half : bytes.Length) - _position);
            bytes.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
