using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// The public keys of Backend Services clients registered by a JWKS URL (Security:Clients:{id}:JwksUrl,
/// https://hl7.org/fhir/smart-app-launch/backend-services.html#registering-a-client-communicating-public-keys).
/// A set is fetched at startup and again when an assertion names a kid the cached set lacks, at most once a minute per
/// client and with a timeout; each fetched set is also written into the client's OpenIddict application. A failed
/// fetch never throws: the client keeps the keys it had (none, if no fetch ever succeeded, so its assertions are
/// refused), and the failure is logged once, with the URL, until a fetch succeeds again.
/// </summary>
public sealed partial class ClientKeySets(
    IHttpClientFactory httpClients, IOptions<SecurityOptions> options, IServiceScopeFactory scopes, ILogger<ClientKeySets> logger, TimeProvider clock)
{
    /// <summary>The named HttpClient the sets are fetched with (tests replace its handler).</summary>
    public const string HttpClientName = "smart-client-jwks";

    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A JWKS document larger than this is not a client's key set.</summary>
    private const int MaxDocumentBytes = 256 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether the client is registered by a JWKS URL.</summary>
    public bool IsRegisteredByUrl(string? clientId)
        => clientId is not null && options.Value.Clients.TryGetValue(clientId, out var client) && client.JwksUrl is { Length: > 0 };

    /// <summary>The client's signing keys as last fetched; empty when no fetch has succeeded.</summary>
    public IReadOnlyList<SecurityKey> SigningKeys(string clientId)
        => _entries.TryGetValue(clientId, out var entry) && entry.Keys is { } keys ? [.. keys.GetSigningKeys()] : [];

    /// <summary>The client's set as last fetched, fetching it first if it never was (startup).</summary>
    public async Task<JsonWebKeySet?> CurrentAsync(string clientId, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd(clientId, _ => new Entry());
        if (entry.LastAttempt is null)
        {
            await RefreshAsync(clientId, entry, writeToApplication: false, ct).ConfigureAwait(false);
        }

        return entry.Keys;
    }

    /// <summary>
    /// Before an assertion of the client is checked: when its kid (or, without a kid, any key) is not in the cached
    /// set, the set is fetched again unless it was fetched less than <see cref="MinimumRefreshInterval"/> ago.
    /// </summary>
    public async Task EnsureKeyAsync(string clientId, string? kid, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd(clientId, _ => new Entry());
        if (Knows(entry, kid))
        {
            return;
        }

        await RefreshAsync(clientId, entry, writeToApplication: true, ct).ConfigureAwait(false);
    }

    private static bool Knows(Entry entry, string? kid)
        => entry.Keys is { Keys.Count: > 0 } set && (kid is null || set.Keys.Any(k => string.Equals(k.Kid, kid, StringComparison.Ordinal)));

    private async Task RefreshAsync(string clientId, Entry entry, bool writeToApplication, CancellationToken ct)
    {
        if (!options.Value.Clients.TryGetValue(clientId, out var client) || client.JwksUrl is not { Length: > 0 } url)
        {
            return;
        }

        await entry.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            if (entry.LastAttempt is { } last && now - last < MinimumRefreshInterval)
            {
                return;
            }

            entry.LastAttempt = now;
            var fetched = await FetchAsync(url, ct).ConfigureAwait(false);
            if (fetched.Keys is null)
            {
                if (!entry.FailureLogged)
                {
                    entry.FailureLogged = true;
                    FetchFailed(logger, clientId, url, fetched.Failure);
                }

                return;
            }

            entry.FailureLogged = false;
            var changed = entry.Keys is null || !SameKeys(entry.Keys, fetched.Keys);
            entry.Keys = fetched.Keys;
            Fetched(logger, clientId, url, string.Join(", ", fetched.Keys.Keys.Select(k => k.Kid ?? "(no kid)")));
            if (writeToApplication && changed)
            {
                await WriteToApplicationAsync(clientId, fetched.Keys, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task<(JsonWebKeySet? Keys, string Failure)> FetchAsync(string url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                return (null, $"the document is larger than {MaxDocumentBytes} bytes");
            }

            var json = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (json.Length > MaxDocumentBytes)
            {
                return (null, $"the document is larger than {MaxDocumentBytes} bytes");
            }

            var set = new JsonWebKeySet(json);
            return set.GetSigningKeys().Count == 0 ? (null, "the set holds no usable signing key") : (set, "");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"no answer within {FetchTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return (null, e.Message);
        }
    }

    private async Task WriteToApplicationAsync(string clientId, JsonWebKeySet keys, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(clientId, ct).ConfigureAwait(false) is not { } application)
        {
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, application, ct).ConfigureAwait(false);
        descriptor.JsonWebKeySet = keys;
        await manager.UpdateAsync(application, descriptor, ct).ConfigureAwait(false);
    }

    private static bool SameKeys(JsonWebKeySet a, JsonWebKeySet b) => string.Equals(Fingerprint(a), Fingerprint(b), StringComparison.Ordinal);

    private static string Fingerprint(JsonWebKeySet set)
        => string.Join('|', set.Keys.Select(k => $"{k.Kid};{k.N};{k.X};{k.Y}").Order(StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authorization client {ClientId}: its JWKS could not be fetched from {Url} ({Failure}); its client assertions are checked against the keys fetched before (none if no fetch succeeded)")]
    private static partial void FetchFailed(ILogger logger, string clientId, string url, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authorization client {ClientId}: JWKS fetched from {Url} (kids: {Kids})")]
    private static partial void Fetched(ILogger logger, string clientId, string url, string kids);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public JsonWebKeySet? Keys { get; set; }

        public DateTimeOffset? LastAttempt { get; set; }

        public bool FailureLogged { get; set; }
    }
}
