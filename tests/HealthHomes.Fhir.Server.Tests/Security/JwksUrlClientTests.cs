using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthHomes.Fhir.Server.Security.Authorization;
using HealthHomes.Fhir.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// Backend Services clients registered by a JWKS URL (Security:Clients:{id}:JwksUrl,
/// https://hl7.org/fhir/smart-app-launch/backend-services.html#registering-a-client-communicating-public-keys), at the
/// real token endpoint: the set is fetched at startup; a rotated key (a new kid) is fetched when an assertion names it,
/// at most once a minute per client; an unreachable URL leaves the client without keys (invalid_client), is logged
/// once with its URL, and the server keeps serving.
/// </summary>
public sealed class JwksUrlClientTests(JwksUrlClientTests.Server server) : IClassFixture<JwksUrlClientTests.Server>
{
    private static readonly Uri Endpoint = new("http://localhost/auth/token");

    private const string OfflineUrl = "https://offline.example.org/hh/jwks.json";

    public sealed class Server : FhirServerFactory
    {
        public KeyHost Keys { get; } = new();

        /// <summary>The clock the key sets see: moved forward to pass the once-a-minute limit.</summary>
        public ShiftedClock Clock { get; } = new();

        public LogCapture Log { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Security:Clients:by-url:JwksUrl", KeyHost.Url("by-url")),
            new("Security:Clients:by-url:Scopes", "system/*.rs"),
            new("Security:Clients:rotating:JwksUrl", KeyHost.Url("rotating")),
            new("Security:Clients:rotating:Scopes", "system/*.rs"),
            new("Security:Clients:offline:JwksUrl", OfflineUrl),
            new("Security:Clients:offline:Scopes", "system/*.rs"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpClient(ClientKeySets.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new KeyHostHandler(Keys));
                services.Replace(ServiceDescriptor.Singleton(sp => ActivatorUtilities.CreateInstance<ClientKeySets>(sp, Clock)));
                services.AddSingleton<ILoggerProvider>(Log);
            });
        }
    }

    /// <summary>The JWKS documents published per client, and how often each was asked for.</summary>
    public sealed class KeyHost
    {
        public static readonly RsaSecurityKey ByUrlKey = new(RSA.Create(2048)) { KeyId = "by-url-1" };

        public static readonly RsaSecurityKey OldKey = new(RSA.Create(2048)) { KeyId = "rotating-1" };

        public static readonly RsaSecurityKey NewKey = new(RSA.Create(2048)) { KeyId = "rotating-2" };

        public ConcurrentDictionary<string, string> Documents { get; } = new(StringComparer.Ordinal)
        {
            [Url("by-url")] = SmartTestClients.JwksOf(ByUrlKey, SmartTestClients.EcKey),
            [Url("rotating")] = SmartTestClients.JwksOf(OldKey),
        };

        public ConcurrentDictionary<string, int> Fetches { get; } = new(StringComparer.Ordinal);

        public static string Url(string clientId) => $"https://keys.example.org/{clientId}/jwks.json";
    }

    private sealed class KeyHostHandler(KeyHost host) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.AbsoluteUri;
            host.Fetches.AddOrUpdate(url, 1, (_, n) => n + 1);
            if (url == OfflineUrl)
            {
                throw new HttpRequestException("Name or service not known (offline.example.org:443)");
            }

            return Task.FromResult(host.Documents.TryGetValue(url, out var jwks)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(jwks, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }

    public sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }

    public sealed class LogCapture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            Entries.Enqueue((logLevel, formatter(state, exception)));
        }

        public void Dispose()
        {
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> AskAsync(string clientId, SecurityKey key, string algorithm = SecurityAlgorithms.RsaSha384)
    {
        using var http = server.Server.CreateClient();
        using var response = await http.PostAsync(Endpoint, SmartTestClients.TokenRequest("system/Patient.rs", SmartTestClients.Assertion(clientId, Endpoint, key, algorithm)));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.EcdsaSha384)]
    public async Task A_client_registered_by_url_gets_a_token_that_reads(string algorithm)
    {
        var (status, body) = await AskAsync("by-url", algorithm == SecurityAlgorithms.EcdsaSha384 ? SmartTestClients.EcKey : KeyHost.ByUrlKey, algorithm);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        using var client = server.CreateClientWithToken(body.GetProperty("access_token").GetString()!);
        using var patients = await client.GetAsync(new Uri("Patient", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, patients.StatusCode);

        var (forged, error) = await AskAsync("by-url", SmartTestClients.UnregisteredKey);
        Assert.NotEqual(HttpStatusCode.OK, forged);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_when_an_assertion_names_it_at_most_once_a_minute()
    {
        var url = KeyHost.Url("rotating");
        Assert.Equal(HttpStatusCode.OK, (await AskAsync("rotating", KeyHost.OldKey)).Status);

        // An unknown kid a minute later: the set is fetched again (and still lacks it).
        server.Clock.Advance(TimeSpan.FromSeconds(61));
        var before = server.Keys.Fetches.GetValueOrDefault(url);
        Assert.Equal("invalid_client", (await AskAsync("rotating", KeyHost.NewKey)).Body.GetProperty("error").GetString());
        Assert.Equal(before + 1, server.Keys.Fetches[url]);

        // Rotated at the URL: within the minute nothing is fetched, so the new key is not known yet.
        server.Keys.Documents[url] = SmartTestClients.JwksOf(KeyHost.NewKey);
        Assert.Equal("invalid_client", (await AskAsync("rotating", KeyHost.NewKey)).Body.GetProperty("error").GetString());
        Assert.Equal(before + 1, server.Keys.Fetches[url]);

        server.Clock.Advance(TimeSpan.FromSeconds(61));
        var (status, body) = await AskAsync("rotating", KeyHost.NewKey);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(before + 2, server.Keys.Fetches[url]);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync("rotating", KeyHost.NewKey)).Status);
        Assert.Equal(before + 2, server.Keys.Fetches[url]);

        // The retired key is gone with the old set.
        Assert.Equal("invalid_client", (await AskAsync("rotating", KeyHost.OldKey)).Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unreachable_url_refuses_the_client_logs_once_and_the_server_keeps_serving()
    {
        var (status, body) = await AskAsync("offline", SmartTestClients.Key);
        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.True(server.Keys.Fetches.GetValueOrDefault(OfflineUrl) >= 1, "fetched at startup");

        server.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("invalid_client", (await AskAsync("offline", SmartTestClients.Key)).Body.GetProperty("error").GetString());
        Assert.True(server.Keys.Fetches[OfflineUrl] >= 2, "fetched again a minute later");

        var warnings = server.Log.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains(OfflineUrl, StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains("client offline:", warnings[0].Message, StringComparison.Ordinal);

        using var admin = server.CreateFhirClient();
        using var patients = await admin.GetAsync(new Uri("Patient", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, patients.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync("by-url", KeyHost.ByUrlKey)).Status);
    }
}
