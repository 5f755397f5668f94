using System.Net;
using System.Net.Http.Headers;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// Every FHIR interaction needs a valid bearer token: a missing, expired, not-yet-valid, forged, wrong-key,
/// wrong-issuer or wrong-audience token is 401 with a WWW-Authenticate challenge and an OperationOutcome, and changes
/// nothing. The CapabilityStatement, the SMART configuration and /health stay open.
/// </summary>
public sealed class TokenValidationTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    public static TheoryData<string> BadTokens => new()
    {
        "missing", "garbage", "expired", "not-yet-valid", "forged", "wrong-audience", "wrong-issuer", "unsigned",
    };

    private string? Token(string kind) => kind switch
    {
        "missing" => null,
        "garbage" => "not-a-jwt",
        "expired" => MintedTokens.Create(factory, "system/*.cruds", expires: DateTime.UtcNow.AddMinutes(-5)),
        "not-yet-valid" => MintedTokens.Create(factory, "system/*.cruds", notBefore: DateTime.UtcNow.AddMinutes(5), expires: DateTime.UtcNow.AddMinutes(15)),
        "forged" => MintedTokens.Create(factory, "system/*.cruds", key: SmartTestClients.UnregisteredKey),
        "wrong-audience" => MintedTokens.Create(factory, "system/*.cruds", audience: "http://localhost/other-fhir"),
        "wrong-issuer" => MintedTokens.Create(factory, "system/*.cruds", issuer: "https://issuer.example.org/"),
        "unsigned" => Unsigned(MintedTokens.Create(factory, "system/*.cruds")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_with_a_challenge_and_changes_nothing(string kind)
    {
        using var client = Token(kind) is { } token ? factory.CreateClientWithToken(token) : factory.CreateAnonymousClient();
        var probe = new HardeningProbe(factory, factory.CreateFhirClient());
        var before = await probe.FingerprintAsync();

        foreach (var (method, url, body) in new (string, string, string?)[]
        {
            ("GET", "Patient", null),
            ("GET", "Patient/p1", null),
            ("POST", "Patient", """{"resourceType":"Patient"}"""),
            ("POST", "", """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient"},"request":{"method":"POST","url":"Patient"}}]}"""),
            ("DELETE", "Patient/p1", null),
            ("GET", "_history", null),
            ("GET", "Patient/p1/$engagement-status", null),
        })
        {
            using var response = await client.SendAsync(new HttpMethod(method), url, body is null ? null : FhirHttp.Body(body));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            var issue = Assert.Single((await response.ReadAsync<OperationOutcome>()).Issue);
            Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
        }

        await probe.AssertUnchangedAndAliveAsync(before, kind);
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData(".well-known/smart-configuration")]
    [InlineData("/health")]
    public async Task Open_endpoints_answer_without_a_token(string url)
    {
        using var client = factory.CreateAnonymousClient();
        using var response = await client.GetAsync(url.StartsWith('/') ? new Uri(client.BaseAddress!, url) : new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_reads()
    {
        using var client = factory.CreateClientWithToken(MintedTokens.Create(factory, "system/Patient.rs"));
        using var response = await client.GetAsync(new Uri("Patient", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_CapabilityStatement_names_SMART_and_the_token_endpoint()
    {
        using var client = factory.CreateAnonymousClient();
        using var response = await client.SendAsync(HttpMethod.Get, "metadata");
        var statement = await response.ReadAsync<CapabilityStatement>();
        var security = Assert.Single(statement.Rest).Security!;
        Assert.Contains(security.Service.SelectMany(s => s.Coding), c => c.Code == "SMART-on-FHIR");
        var uris = Assert.Single(security.Extension, e => e.Url == "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        Assert.Equal("http://localhost/auth/token", (uris.GetExtensionValue<FhirUri>("token")).Value);
    }

    /// <summary>The same claims with the signature removed and "alg":"none".</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        return $"{header}.{parts[1]}.";
    }
}
