using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HealthHomes.Fhir.Testing;

/// <summary>
/// The built server run as a process of its own (dotnet HealthHomes.Fhir.Server.dll --urls ... --Storage:DataDirectory
/// ...), on a free loopback port and a fresh data folder. Unlike <see cref="FhirServerFactory"/> it can die: a stack
/// overflow kills it without taking the test run with it, and <see cref="HasExited"/> shows it.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const string ServerAssembly = "HealthHomes.Fhir.Server.dll";
    private readonly Process _process;
    private readonly string _dataDirectory;

    private ServerProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>The FHIR base, ending in fhir/.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server and waits (within <paramref name="startupBound"/>) until /metadata answers.</summary>
    public static async Task<ServerProcess> StartAsync(TimeSpan startupBound)
    {
        var assembly = FindServerAssembly();
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "hhfhir-process", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { assembly, "--urls", $"http://127.0.0.1:{port}", "--Storage:DataDirectory", data })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in SmartTestClients.Registration(SmartTestClients.SystemClientId, SmartTestClients.SystemScopes))
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value!);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, data, new Uri($"http://127.0.0.1:{port}/fhir/"));
        await server.WaitUntilAnsweringAsync(startupBound).ConfigureAwait(false);
        using var http = new HttpClient();
        server._token = await SmartTestClients.TokenAsync(http, new Uri($"http://127.0.0.1:{port}/")).ConfigureAwait(false);
        return server;
    }

    private string? _token;

    /// <summary>A client carrying a system token (every scope) from the server's token endpoint.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (_token is not null)
        {
            SmartTestClients.Authorize(client, _token);
        }

        return client;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan bound)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline && !HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("metadata", UriKind.Relative)).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        Dispose();
        throw new InvalidOperationException($"The server process did not answer /metadata within {bound.TotalSeconds} s.");
    }

    /// <summary>The server's build output: beside the test assembly (a referenced executable's runtimeconfig is copied
    /// there), else the server project's own bin folder for the same configuration.</summary>
    private static string FindServerAssembly()
    {
        var here = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(here, ServerAssembly)) && File.Exists(Path.Combine(here, "HealthHomes.Fhir.Server.runtimeconfig.json")))
        {
            return Path.Combine(here, ServerAssembly);
        }

        var framework = new DirectoryInfo(here).Name;
        var configuration = new DirectoryInfo(here).Parent!.Name;
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "HealthHomes.Fhir.Server", "bin", configuration, framework, ServerAssembly);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{ServerAssembly} was found neither beside the tests nor under src/HealthHomes.Fhir.Server/bin.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the OS cleans the temp folder
        }
    }
}
