using System.Net;
using System.Text.Json;
using HealthHomes.Fhir.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// SMART Backend Services at the real token endpoint: a client_credentials request authenticated by a signed client
/// assertion (RS384 or ES384, keys from the client's registered JWKS) gets an access token for the FHIR base with the
/// granted part of the requested scopes; a replayed, expired, too long-lived, wrong-audience or wrongly signed
/// assertion, an unknown client and scopes outside the registration are refused.
/// </summary>
public sealed class BackendServicesTokenTests(BackendServicesTokenTests.Server factory) : IClassFixture<BackendServicesTokenTests.Server>
{
    private static readonly Uri Endpoint = new("http://localhost/auth/token");

    public sealed class Server : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. SmartTestClients.Registration("reporting", "system/Task.rs system/EpisodeOfCare.rs"),
            new("Security:Clients:tour:Secret", "tour-secret"),
            new("Security:Clients:tour:Scopes", "system/*.rs"),
            new("Security:SystemAccessTokenMinutes", "5"),
        ];
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.EcdsaSha384)]
    public async Task A_signed_assertion_gets_a_token_that_reads(string algorithm)
    {
        using var http = factory.Server.CreateClient();
        SecurityKey key = algorithm == SecurityAlgorithms.EcdsaSha384 ? SmartTestClients.EcKey : SmartTestClients.Key;
        using var response = await http.PostAsync(Endpoint, SmartTestClients.TokenRequest("system/Task.rs", SmartTestClients.Assertion("reporting", Endpoint, key, algorithm)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString(), ignoreCase: true);
        Assert.Equal("system/Task.rs", body.GetProperty("scope").GetString());
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 240, 300);
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Contains("http://localhost/fhir", token.Audiences);

        using var client = factory.CreateClientWithToken(token.EncodedToken);
        using var tasks = await client.GetAsync(new Uri("Task", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        using var patients = await client.GetAsync(new Uri("Patient", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, patients.StatusCode);
    }

    [Fact]
    public async Task Scopes_are_cut_down_to_the_registration()
    {
        using var http = factory.Server.CreateClient();
        using var response = await http.PostAsync(Endpoint, SmartTestClients.TokenRequest("system/*.cruds system/Patient.rs", SmartTestClients.Assertion("reporting", Endpoint)));
        var scope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("scope").GetString()!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["system/EpisodeOfCare.rs", "system/Task.rs"], scope.Split(' ').Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> BadAssertions => new() { "replayed", "expired", "ten-minutes", "wrong-audience", "unregistered-key", "unknown-client", "no-scope-allowed", "HS256" };

    [Theory]
    [MemberData(nameof(BadAssertions))]
    public async Task A_bad_assertion_or_request_gets_no_token(string kind)
    {
        using var http = factory.Server.CreateClient();
        var jti = Guid.NewGuid().ToString("N");
        var (clientId, scope, assertion) = kind switch
        {
            "replayed" => ("reporting", "system/Task.rs", SmartTestClients.Assertion("reporting", Endpoint, jti: jti)),
            "expired" => ("reporting", "system/Task.rs", SmartTestClients.Assertion("reporting", Endpoint, lifetime: TimeSpan.FromMinutes(-2))),
            "ten-minutes" => ("reporting", "system/Task.rs", SmartTestClients.Assertion("reporting", Endpoint, lifetime: TimeSpan.FromMinutes(10))),
            "wrong-audience" => ("reporting", "system/Task.rs", SmartTestClients.Assertion("reporting", new Uri("http://elsewhere.example.org/token"))),
            "unregistered-key" => ("reporting", "system/Task.rs", SmartTestClients.Assertion("reporting", Endpoint, SmartTestClients.UnregisteredKey)),
            "unknown-client" => ("nobody", "system/Task.rs", SmartTestClients.Assertion("nobody", Endpoint)),
            "no-scope-allowed" => ("reporting", "system/Patient.rs", SmartTestClients.Assertion("reporting", Endpoint)),
            "HS256" => ("reporting", "system/Task.rs", SmartTestClients.Assertion("reporting", Endpoint, new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (kind == "replayed")
        {
            using var first = await http.PostAsync(Endpoint, SmartTestClients.TokenRequest(scope, assertion));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var response = await http.PostAsync(Endpoint, SmartTestClients.TokenRequest(scope, assertion));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{kind}: {(int)response.StatusCode}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("access_token", out _), kind);
        Assert.Equal(kind == "no-scope-allowed" ? "invalid_scope" : "invalid_client", body.GetProperty("error").GetString());
        _ = clientId;
    }

    [Fact]
    public async Task A_client_secret_gets_a_token_for_local_experiments()
    {
        using var http = factory.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "system/*.rs" }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("tour:tour-secret"u8.ToArray()));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        request.Headers.Authorization = new("Basic", Convert.ToBase64String("tour:wrong"u8.ToArray()));
        using var wrong = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "system/*.rs", ["client_id"] = "tour", ["client_secret"] = "wrong" }),
        });
        Assert.NotEqual(HttpStatusCode.OK, wrong.StatusCode);
    }

    [Fact]
    public async Task The_smart_configuration_publishes_the_backend_services_fields()
    {
        using var client = factory.CreateAnonymousClient();
        using var response = await client.GetAsync(new Uri(".well-known/smart-configuration", UriKind.Relative));
        var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("http://localhost/auth/token", config.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", config.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("private_key_jwt", config.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["RS384", "ES384"], config.GetProperty("token_endpoint_auth_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], config.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client-confidential-asymmetric", config.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
    }
}
