using HealthHomes.Fhir.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthHomes.Fhir.Bench;

/// <summary>
/// The real server, composed as Program.cs does, on Kestrel at a free loopback port, over a fresh data folder.
/// Logging at Warning so request logs do not cost time.
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public string DataDirectory { get; }

    /// <summary>Leave the database behind on dispose.</summary>
    public bool Keep { get; set; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The FHIR base, ending in "/fhir/".</summary>
    public Uri BaseAddress { get; }

    /// <param name="synchronous">Storage:Synchronous (Full or Normal), or null for the server's default.</param>
    /// <param name="security">False: Security:Enabled=false and no token (to price authorization).</param>
    public static async Task<InProcessServer> StartAsync(string dataDirectory, string? synchronous = null, bool security = true)
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;

        // The bench is a Backend Services client like a reporting job (a secret instead of a signed assertion, and a
        // token that outlives the longest run).
        var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        builder.Configuration["Security:Clients:bench:Secret"] = secret;
        builder.Configuration["Security:Clients:bench:Scopes"] = "system/*.cruds";
        builder.Configuration["Security:SystemAccessTokenMinutes"] = "600";
        builder.Configuration["Security:Enabled"] = security ? "true" : "false";
        if (synchronous is not null)
        {
            builder.Configuration["Storage:Synchronous"] = synchronous;
        }

        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFhirServer(builder.Configuration);

        var app = builder.Build();
        app.UseFhirServer();
        await app.StartAsync().ConfigureAwait(false);
        var url = app.Urls.First().TrimEnd('/');
        return new InProcessServer(app, dataDirectory, new Uri(url + "/fhir/")) { AccessToken = security ? await TokenAsync(new Uri(url + "/auth/token"), secret).ConfigureAwait(false) : "" };
    }

    /// <summary>A bearer token with every system scope, for the bench's requests; empty with security off.</summary>
    public string AccessToken { get; private init; } = "";

    private static async Task<string> TokenAsync(Uri endpoint, string secret)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/*.cruds",
            ["client_id"] = "bench",
            ["client_secret"] = secret,
        });
        using var response = await http.PostAsync(endpoint, form).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Size of the database file and its WAL, in bytes.</summary>
    public long DatabaseBytes() => Directory.EnumerateFiles(DataDirectory).Sum(f => new FileInfo(f).Length);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!Keep)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
