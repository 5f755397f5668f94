using System.Net;
using System.Net.Sockets;
using System.Text;
using HealthHomes.Fhir.Testing;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// What reaches the real web server, Kestrel, sent as raw bytes on a socket (the TestServer skips Kestrel): a request
/// line or headers over the server's own limits get 414/431 with an OperationOutcome (Kestrel's limits sit above
/// ours), bytes in the path that make no id get 400 with one, HEAD gets the GET's headers without a body. Requests
/// far over the limits, and a NUL in the path, are refused by Kestrel itself with an empty body: only the status and
/// the store are checked for those.
/// </summary>
public sealed class KestrelEdgeTests(KestrelEdgeTests.KestrelServer server) : IClassFixture<KestrelEdgeTests.KestrelServer>
{
    /// <summary>The server on Kestrel at a free loopback port.</summary>
    public sealed class KestrelServer : KestrelFhirServerFactory;

    public static TheoryData<string, int, int, bool> RawRequests => new()
    {
        // request line, extra header bytes, status, answered with an OperationOutcome
        { "GET /fhir/Patient?name=" + new string('a', 9000) + " HTTP/1.1", 0, 414, true },
        { "GET /fhir/Patient?name=" + new string('a', 20000) + " HTTP/1.1", 0, 414, false },
        { "GET /fhir/metadata HTTP/1.1", 40000, 431, true },
        { "GET /fhir/metadata HTTP/1.1", 70000, 431, false },
        { "GET /fhir/Patient/%FF%FE HTTP/1.1", 0, 400, true },
        { "GET /fhir/Patient/%C3%28 HTTP/1.1", 0, 400, true },
        { "GET /fhir/Patient/%00 HTTP/1.1", 0, 400, false },
        { "POST /fhir/metadata HTTP/1.1", 0, 405, true },
        { "GET /nothing-here HTTP/1.1", 0, 404, true },
    };

    [Theory]
    [MemberData(nameof(RawRequests))]
    public async Task A_bad_request_on_Kestrel_is_4xx_with_an_OperationOutcome_where_Kestrel_lets_it_through(string requestLine, int headerBytes, int status, bool withOutcome)
    {
        var probe = new HardeningProbe(server, server.Client);
        var before = await probe.FingerprintAsync();
        var filler = headerBytes == 0 ? "" : $"X-Filler: {new string('f', headerBytes)}\r\n";

        var (statusLine, head, body) = await SendRawAsync($"{requestLine}\r\nHost: {server.Address.Authority}\r\n{filler}Content-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.StartsWith($"HTTP/1.1 {status} ", statusLine, StringComparison.Ordinal);
        if (withOutcome)
        {
            Assert.Contains("Content-Type: application/fhir+json", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"resourceType\":\"OperationOutcome\"", body, StringComparison.Ordinal);
            Assert.Contains("\"severity\":\"error\"", body, StringComparison.Ordinal);
            Assert.Contains("\"diagnostics\":", body, StringComparison.Ordinal);
        }

        await probe.AssertUnchangedAndAliveAsync(before, requestLine[..Math.Min(requestLine.Length, 40)]);
    }

    [Fact]
    public async Task Head_on_Kestrel_has_the_get_headers_and_no_body()
    {
        var getBody = await server.Client.GetByteArrayAsync(new Uri("metadata", UriKind.Relative));
        var (headLine, headHead, headBody) = await SendRawAsync($"HEAD /fhir/metadata HTTP/1.1\r\nHost: {server.Address.Authority}\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 ", headLine, StringComparison.Ordinal);
        Assert.Empty(headBody);
        Assert.Contains("Content-Type: application/fhir+json", headHead, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Content-Length: {getBody.Length}", headHead, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Transfer-Encoding", headHead, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Sends the bytes as they are (with the server's system token after the request line) and reads until the server closes: the status line, the header block and the body.</summary>
    private async Task<(string StatusLine, string Head, string Body)> SendRawAsync(string request)
    {
        var lineEnd = request.IndexOf("\r\n", StringComparison.Ordinal);
        request = request[..lineEnd] + $"\r\nAuthorization: Bearer {server.Token}" + request[lineEnd..];
        using var timeout = new CancellationTokenSource(HardeningProbe.StuckAfter);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port, timeout.Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), timeout.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // Kestrel may reset the connection after refusing an oversized request: what arrived is the answer.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        return (head.Split("\r\n")[0], head, body);
    }
}
