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
    public static async Task<InProcessServer> StartAsync(string dataDirectory, string? synchronous = null)
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;
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
        var url = app.Urls.First();
        return new InProcessServer(app, dataDirectory, new Uri(url.TrimEnd('/') + "/fhir/"));
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
