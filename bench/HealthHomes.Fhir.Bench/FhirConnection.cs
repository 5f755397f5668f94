using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HealthHomes.Fhir.Bench;

/// <summary>Plain HTTP to the server: the FHIR interactions the bench drives, bodies as pre-serialized bytes.</summary>
internal sealed class FhirConnection : IDisposable
{
    private static readonly MediaTypeHeaderValue FhirJson = new("application/fhir+json");
    private readonly HttpClient _http;

    public FhirConnection(Uri baseAddress, string accessToken)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        if (accessToken.Length > 0)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
    }

    /// <summary>POSTs a batch or transaction Bundle; returns each entry's response.location ("Type/id/_history/n").</summary>
    public async Task<List<string>> PostBundleAsync(byte[] body)
    {
        var response = await SendAsync(HttpMethod.Post, "", body).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response);
        var locations = new List<string>();
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            locations.Add(entry.GetProperty("response").GetProperty("location").GetString()!);
        }

        return locations;
    }

    /// <summary>PUT Type/id (update, or update-as-create).</summary>
    public Task<byte[]> PutAsync(string type, string id, byte[] body) => SendAsync(HttpMethod.Put, type + "/" + id, body);

    /// <summary>POST Type; returns the new resource's id from its Location header.</summary>
    public async Task<string> CreateAsync(string type, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, type) { Content = Content(body) };
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        await EnsureAsync(response, request).ConfigureAwait(false);
        var location = response.Headers.Location?.ToString() ?? throw new InvalidOperationException("A create answered without Location.");
        var parts = location.Split('/');
        var typeAt = Array.LastIndexOf(parts, type);
        return parts[typeAt + 1];
    }

    /// <summary>GET a relative URL (read or search); returns the body.</summary>
    public async Task<byte[]> GetAsync(string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relative);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        await EnsureAsync(response, request).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    /// <summary>GET a relative URL as CSV, streaming the body; returns the number of data rows (lines after the header).</summary>
    public async Task<long> GetCsvRowsAsync(string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relative);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await EnsureAsync(response, request).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines - 1;
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> SendAsync(HttpMethod method, string relative, byte[] body)
    {
        using var request = new HttpRequestMessage(method, relative) { Content = Content(body) };
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        await EnsureAsync(response, request).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = FhirJson;
        return content;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpRequestMessage request)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new HttpRequestException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 600)]}");
        }
    }
}
