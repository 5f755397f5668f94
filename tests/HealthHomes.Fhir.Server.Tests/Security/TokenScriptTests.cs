using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HealthHomes.Fhir.Testing;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// tools/smart-token.sh, the README's token in one command, run with bash: "keygen" makes a key pair and prints the
/// client's JWKS, a server (on Kestrel) registers that JWKS, and "token" signs a SMART Backend Services client
/// assertion with openssl, posts it with curl and prints an access token that reads Patient. openssl and curl must be
/// on PATH: without them the tests fail saying so.
/// </summary>
public sealed class TokenScriptTests(TokenScriptTests.Server server) : IClassFixture<TokenScriptTests.Server>
{
    private const string ClientId = "script";

    /// <summary>The key is made by the script before the server starts, so that its printed JWKS is the registration.</summary>
    public sealed class Server : KestrelFhirServerFactory
    {
        // Field initializers run before the base constructor, which starts the server and reads Settings.
        private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "hhfhir-smart-token", Guid.NewGuid().ToString("N"));
        private string? _printedJwks;

        public string KeyDirectory => _keyDirectory;

        /// <summary>What "keygen" printed (run on first use, while the server starts).</summary>
        public string PrintedJwks => _printedJwks ??= Script.Run("keygen", _keyDirectory).Trim();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new($"Security:Clients:{ClientId}:Jwks", PrintedJwks),
            new($"Security:Clients:{ClientId}:Scopes", "system/Patient.rs"),
        ];

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            try
            {
                Directory.Delete(_keyDirectory, recursive: true);
            }
            catch (IOException)
            {
                // The temp folder is cleaned by the OS.
            }
        }
    }

    [Fact]
    public void Keygen_prints_one_RS384_key_and_keeps_the_private_key_to_its_owner()
    {
        var jwks = JsonDocument.Parse(server.PrintedJwks).RootElement;
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS384", key.GetProperty("alg").GetString());
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
        Assert.Equal(256, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(key.GetProperty("n").GetString()).Length);
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(server.KeyDirectory, "private-key.pem")));
        }
    }

    [Fact]
    public async Task The_printed_token_reads_Patient()
    {
        var origin = server.Address.GetLeftPart(UriPartial.Authority);
        var token = Script.Run("token", origin, ClientId, Path.Combine(server.KeyDirectory, "private-key.pem"), "system/Patient.rs").Trim();
        Assert.DoesNotContain('\n', token);

        using var http = new HttpClient { BaseAddress = new Uri(server.Address, "fhir/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(new Uri("Patient", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void An_unknown_client_prints_no_token_and_fails_with_the_servers_answer()
    {
        var origin = server.Address.GetLeftPart(UriPartial.Authority);
        var failure = Assert.Throws<ScriptFailedException>(() => Script.Run("token", origin, "nobody", Path.Combine(server.KeyDirectory, "private-key.pem")));
        Assert.Equal("", failure.Output);
        Assert.Contains("invalid_client", failure.Error, StringComparison.Ordinal);
    }

    public sealed class ScriptFailedException(string message, string output, string error) : Exception(message)
    {
        public string Output { get; } = output;

        public string Error { get; } = error;
    }

    /// <summary>Runs tools/smart-token.sh with bash from the repository (the folder holding HealthHomes.Fhir.sln).</summary>
    private static class Script
    {
        public static string Run(params string[] arguments)
        {
            foreach (var tool in new[] { "bash", "openssl", "curl" })
            {
                if (!OnPath(tool))
                {
                    throw new InvalidOperationException($"'{tool}' is not on PATH: tools/smart-token.sh needs bash, openssl and curl (install them; these tests do not skip).");
                }
            }

            var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tools", "smart-token.sh"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"tools/smart-token.sh {string.Join(' ', arguments)} ran over 60 s.");
            }

            if (process.ExitCode != 0)
            {
                throw new ScriptFailedException($"tools/smart-token.sh {arguments[0]} exited {process.ExitCode}: {error.Result}", output.Result, error.Result);
            }

            return output.Result;
        }

        private static bool OnPath(string tool)
            => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(folder => File.Exists(Path.Combine(folder, tool)));

        private static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "HealthHomes.Fhir.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException($"No HealthHomes.Fhir.sln above {AppContext.BaseDirectory}.");
        }
    }
}
