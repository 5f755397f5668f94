using System.Net;
using System.Security.Cryptography;
using System.Text;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// Tokens of external issuers (Security:ExternalIssuers), each validated by its own JwtBearer scheme with the keys its
/// OpenID Connect discovery document points at (https://openid.net/specs/openid-connect-discovery-1_0.html), served
/// here by a stub identity provider: the right key, issuer, audience and lifetime read; anything else is 401. A
/// patient/ token sees its patient only, and an issuer with Organizations confines its system tokens to the members
/// those organizations serve.
/// </summary>
public sealed class ExternalIssuerTests(ExternalIssuerTests.Server server) : IClassFixture<ExternalIssuerTests.Server>
{
    /// <summary>Accepted with the default audience (the FHIR base), every member.</summary>
    private const string Realm = "https://idp.example.org/realms/hh";

    /// <summary>Accepted with audience <see cref="PartnerAudience"/>; its system tokens see the members hhp1 serves.</summary>
    private const string PartnerRealm = "https://idp.example.org/realms/hhp1";

    private const string PartnerAudience = "hh-fhir";

    private const string FhirBase = "http://localhost/fhir";

    private static readonly RsaSecurityKey RealmKey = new(RSA.Create(2048)) { KeyId = "realm-key" };

    private static readonly RsaSecurityKey PartnerKey = new(RSA.Create(2048)) { KeyId = "partner-key" };

    /// <summary>Never published: what it signs is forged.</summary>
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "realm-key" };

    /// <summary>Members xm1 (enrolled with hhp1) and xm2 (hhp2), each with a Task; "hhp2-reporting" is a registered client confined to hhp2.</summary>
    public sealed class Server : FhirServerFactory
    {
        private readonly Lazy<bool> _seeded;

        public Server() => _seeded = new(Seed);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Security:ExternalIssuers:0:Authority", Realm),
            new("Security:ExternalIssuers:1:Authority", PartnerRealm),
            new("Security:ExternalIssuers:1:Audience", PartnerAudience),
            new("Security:ExternalIssuers:1:Organizations:0", "hhp1"),
            .. SmartTestClients.Registration("hhp2-reporting", "system/*.rs", "hhp2"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);

            // Configure, not PostConfigure: JwtBearer's own post-configuration builds the scheme's metadata client from
            // BackchannelHttpHandler, so the stub has to be in place before it runs.
            builder.ConfigureTestServices(services =>
            {
                services.Configure<JwtBearerOptions>("external-0", jwt => jwt.BackchannelHttpHandler = new IdentityProvider());
                services.Configure<JwtBearerOptions>("external-1", jwt => jwt.BackchannelHttpHandler = new IdentityProvider());
            });
        }

        public void EnsureSeeded() => _ = _seeded.Value;

        private bool Seed()
        {
            using var admin = CreateFhirClient();
            string[] resources =
            [
                """{"resourceType":"Organization","id":"hhp1","name":"Partner 1"}""",
                """{"resourceType":"Organization","id":"hhp2","name":"Partner 2"}""",
                """{"resourceType":"Patient","id":"xm1","name":[{"family":"One"}]}""",
                """{"resourceType":"Patient","id":"xm2","name":[{"family":"Two"}]}""",
                """{"resourceType":"EpisodeOfCare","id":"xe1","status":"active","patient":{"reference":"Patient/xm1"},"managingOrganization":{"reference":"Organization/hhp1"}}""",
                """{"resourceType":"EpisodeOfCare","id":"xe2","status":"active","patient":{"reference":"Patient/xm2"},"managingOrganization":{"reference":"Organization/hhp2"}}""",
                """{"resourceType":"Task","id":"xt1","status":"requested","intent":"order","for":{"reference":"Patient/xm1"}}""",
                """{"resourceType":"Task","id":"xt2","status":"requested","intent":"order","for":{"reference":"Patient/xm2"}}""",
            ];
            FhirHttp.PutAll(admin, resources);

            return true;
        }
    }

    /// <summary>The two realms' discovery documents and key sets, as Keycloak publishes them.</summary>
    private sealed class IdentityProvider : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.AbsoluteUri;
            var body = url switch
            {
                Realm + "/.well-known/openid-configuration" => Discovery(Realm),
                PartnerRealm + "/.well-known/openid-configuration" => Discovery(PartnerRealm),
                Realm + "/protocol/openid-connect/certs" => SmartTestClients.JwksOf(RealmKey),
                PartnerRealm + "/protocol/openid-connect/certs" => SmartTestClients.JwksOf(PartnerKey),
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }

        private static string Discovery(string issuer) => $$"""
            {"issuer":"{{issuer}}","jwks_uri":"{{issuer}}/protocol/openid-connect/certs","token_endpoint":"{{issuer}}/protocol/openid-connect/token",
             "id_token_signing_alg_values_supported":["RS384"]}
            """;
    }

    /// <summary>A token as the issuer would sign it (RS384), valid for ten minutes unless said otherwise.</summary>
    private static string Token(string issuer, string audience, string scope, SecurityKey key, string? patient = null, string clientId = "hh-job", DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["scope"] = scope, ["azp"] = clientId, ["client_id"] = clientId, ["sub"] = "service-account-" + clientId };
        if (patient is not null)
        {
            claims["patient"] = patient;
        }

        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-10),
            NotBefore = expiry.AddMinutes(-10),
            Expires = expiry,
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha384),
        });
    }

    private static string TokenOf(string who) => who switch
    {
        "realm" => Token(Realm, FhirBase, "system/*.rs", RealmKey),
        "realm, trailing slash" => Token(Realm + "/", FhirBase + "/", "system/*.rs", RealmKey),
        "realm, wrong audience" => Token(Realm, "http://localhost/other-fhir", "system/*.rs", RealmKey),
        "realm, expired" => Token(Realm, FhirBase, "system/*.rs", RealmKey, expires: DateTime.UtcNow.AddMinutes(-5)),
        "realm, other key" => Token(Realm, FhirBase, "system/*.rs", OtherKey),
        "realm, partner's key" => Token(Realm, FhirBase, "system/*.rs", PartnerKey),
        "unconfigured issuer" => Token("https://idp.example.org/realms/other", FhirBase, "system/*.rs", RealmKey),
        "partner, its audience" => Token(PartnerRealm, PartnerAudience, "system/*.rs", PartnerKey),
        "partner, FHIR base audience" => Token(PartnerRealm, FhirBase, "system/*.rs", PartnerKey),
        "partner, as hhp2-reporting" => Token(PartnerRealm, PartnerAudience, "system/*.rs", PartnerKey, clientId: "hhp2-reporting"),
        "patient xm1" => Token(Realm, FhirBase, "patient/*.rs", RealmKey, patient: "xm1"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    public static TheoryData<string, int> Tokens => new()
    {
        { "realm", 200 },
        { "realm, trailing slash", 200 },
        { "realm, wrong audience", 401 },
        { "realm, expired", 401 },
        { "realm, other key", 401 },
        { "realm, partner's key", 401 },
        { "unconfigured issuer", 401 },
        { "partner, its audience", 200 },
        { "partner, FHIR base audience", 401 },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task A_token_reads_only_with_the_issuers_key_audience_and_lifetime(string who, int expected)
    {
        using var client = server.CreateClientWithToken(TokenOf(who));
        using var response = await client.SendAsync(HttpMethod.Get, "Patient");
        Assert.True(expected == (int)response.StatusCode, $"{who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected == 401)
        {
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
    }

    public static TheoryData<string, string, string> Searches => new()
    {
        // who, search, the ids expected (type/id, sorted), nothing else
        { "realm", "Patient", "Patient/xm1,Patient/xm2" },
        { "realm", "Task", "Task/xt1,Task/xt2" },
        { "patient xm1", "Patient", "Patient/xm1" },
        { "patient xm1", "Task", "Task/xt1" },
        { "patient xm1", "Task?_id=xt1,xt2&_include=Task:patient", "Patient/xm1,Task/xt1" },
        { "partner, its audience", "Patient", "Patient/xm1" },
        { "partner, its audience", "Task?_include=Task:patient", "Patient/xm1,Task/xt1" },
        { "partner, its audience", "EpisodeOfCare", "EpisodeOfCare/xe1" },
        { "partner, its audience", "Organization", "Organization/hhp1,Organization/hhp2" },
        { "partner, as hhp2-reporting", "Patient", "Patient/xm1" },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task A_search_returns_only_the_members_the_token_may_see(string who, string search, string expected)
    {
        server.EnsureSeeded();
        using var client = server.CreateClientWithToken(TokenOf(who));
        using var response = await client.SendAsync(HttpMethod.Get, search);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = (await response.ReadAsync<Bundle>()).Entry.Select(e => $"{e.Resource!.TypeName}/{e.Resource.Id}").Order(StringComparer.Ordinal);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), found);
    }

    [Theory]
    [InlineData("patient xm1", "Patient/xm1", 200)]
    [InlineData("patient xm1", "Patient/xm2", 404)]
    [InlineData("patient xm1", "Task/xt2", 404)]
    [InlineData("partner, its audience", "Task/xt1", 200)]
    [InlineData("partner, its audience", "Patient/xm2", 404)]
    [InlineData("realm", "Patient/xm2", 200)]
    public async Task A_read_outside_what_the_token_may_see_is_404(string who, string url, int expected)
    {
        server.EnsureSeeded();
        using var client = server.CreateClientWithToken(TokenOf(who));
        using var response = await client.SendAsync(HttpMethod.Get, url);
        Assert.True(expected == (int)response.StatusCode, $"{who} GET {url}: {(int)response.StatusCode}");
    }
}
