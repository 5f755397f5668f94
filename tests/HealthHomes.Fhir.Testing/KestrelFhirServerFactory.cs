using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HealthHomes.Fhir.Testing;

/// <summary>
/// The real server on Kestrel at a free loopback port, for what the TestServer skips: Kestrel's own limits, raw bytes
/// on a socket, a request body really sent in parts. <see cref="Client"/> is a socket client that fails on any 5xx.
/// </summary>
public class KestrelFhirServerFactory : FhirServerFactory
{
    public KestrelFhirServerFactory()
    {
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
#pragma warning disable CA2000 // the client owns its handler
        Client = new HttpClient(new ServerErrorGuard { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = new Uri(Address, "fhir/") };
#pragma warning restore CA2000
        Token = SmartTestClients.TokenAsync(Client, Address).GetAwaiter().GetResult();
        SmartTestClients.Authorize(Client, Token);
    }

    /// <summary>The server's address (scheme, loopback host, port).</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The system token <see cref="Client"/> carries, for requests written byte by byte.</summary>
    public string Token { get; }

    protected override void Dispose(bool disposing)
    {
        Client.Dispose();
        base.Dispose(disposing);
    }
}
