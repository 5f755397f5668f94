using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Testing;

/// <summary>
/// The real server over the real HTTP pipeline, on its own SQLite file in a fresh temporary folder. Every response
/// passes through <see cref="ServerErrorGuard"/>: a 5xx fails the test that caused it.
/// </summary>
public class FhirServerFactory : WebApplicationFactory<Program>
{
    public FhirServerFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "hhfhir-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "healthhomes.db");

    /// <summary>Extra configuration for a test class (key, value), applied over appsettings.json.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>
    /// The scopes of the token every client from this factory carries (from <see cref="SmartTestClients.SystemClientId"/>,
    /// through the real token endpoint); null: clients carry no token.
    /// </summary>
    protected virtual string? ClientScopes => SmartTestClients.SystemScopes;

    private string? _token;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);

        // Dozens of test servers share one process and heap: one server's quiet moment is not the process's, and its
        // blocking full collection would pause the others' time-budgeted work. Tests of the collection turn it on.
        builder.UseSetting("FhirServer:CollectAfterLargeBodiesSeconds", "0");
        foreach (var (key, value) in SmartTestClients.Registration(SmartTestClients.SystemClientId, SmartTestClients.SystemScopes))
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.BaseAddress = new Uri(client.BaseAddress!, "fhir/");
        if (ClientScopes is { } scopes)
        {
            SmartTestClients.Authorize(client, _token ??= IssueToken(scopes));
        }
    }

    /// <summary>A token with these scopes for <see cref="SmartTestClients.SystemClientId"/> from the test server's token endpoint.</summary>
    public string IssueToken(string scopes)
    {
        using var http = Server.CreateClient();
        return SmartTestClients.TokenAsync(http, new Uri("http://localhost/"), SmartTestClients.SystemClientId, scopes).GetAwaiter().GetResult();
    }

    /// <summary>A client (checked for 5xx) with no token at all.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateFhirClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client (checked for 5xx) carrying this bearer token.</summary>
    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateAnonymousClient();
        SmartTestClients.Authorize(client, token);
        return client;
    }

    /// <summary>A client whose every response is checked for 5xx.</summary>
    public HttpClient CreateFhirClient() => CreateDefaultClient(new Uri("http://localhost/fhir/"), new ServerErrorGuard());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Fails loudly on any 5xx: a bug in the server, never an acceptable answer to a request.</summary>
public sealed class ServerErrorGuard : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        return response;
    }
}
