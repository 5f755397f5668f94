using System.Collections.Concurrent;
using System.Net;
using HealthHomes.Fhir.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// Security:Enabled=false, for local experiments: no token is asked for, every caller may do everything, and the server
/// says so in its log at startup and again on a timer (here every 0.6 s, so the repeat shows up quickly).
/// </summary>
public sealed class SecurityOffTests(SecurityOffTests.Server server) : IClassFixture<SecurityOffTests.Server>
{
    public sealed class Server : FhirServerFactory
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        protected override string? ClientScopes => null;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Security:Enabled", "false"), new("Security:DisabledWarningMinutes", "0.01")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new WarningCollector(Warnings)));
        }
    }

    [Fact]
    public async Task Without_a_token_everything_is_allowed()
    {
        using var client = server.CreateFhirClient();
        Assert.Null(client.DefaultRequestHeaders.Authorization);
        using var created = await client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body("""{"resourceType":"Patient","active":true}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var search = await client.SendAsync(HttpMethod.Get, "Patient");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        using var token = await client.PostAsync(new Uri("/auth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
    }

    [Fact]
    public async Task The_log_says_security_is_off_at_startup_and_again_later()
    {
        using var client = server.CreateFhirClient();
        using var response = await client.SendAsync(HttpMethod.Get, "metadata");
        using var bound = new CancellationTokenSource(HardeningProbe.StuckAfter);
        while (server.Warnings.Count(w => w.Contains("SECURITY IS OFF", StringComparison.Ordinal)) < 2)
        {
            await Task.Delay(100, bound.Token);
        }
    }

    private sealed class WarningCollector(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(warnings);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning)
                {
                    warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
