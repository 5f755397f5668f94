using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthHomes.Fhir.Testing;

/// <summary>
/// SMART Backend Services clients for tests: a key pair per test run (its public half registered with the server as an
/// inline JWKS), signed client assertions (RS384, https://hl7.org/fhir/smart-app-launch/backend-services.html) and
/// tokens from the server's real token endpoint.
/// </summary>
public static class SmartTestClients
{
    /// <summary>The client every test server registers, allowed every system scope.</summary>
    public const string SystemClientId = "test-system";

    public const string SystemScopes = "system/*.cruds";

    public static readonly RsaSecurityKey Key = NewKey("test-key-1");

    /// <summary>A second key, never registered: assertions it signs must be refused.</summary>
    public static readonly RsaSecurityKey UnregisteredKey = NewKey("test-key-1");

    /// <summary>An ECDSA P-384 key (ES384), the other algorithm SMART Backend Services requires servers to accept.</summary>
    public static readonly ECDsaSecurityKey EcKey = new(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = "test-ec-1" };

    /// <summary>The public halves of <see cref="Key"/> and <see cref="EcKey"/> as a JSON Web Key Set.</summary>
    public static string Jwks { get; } = JsonSerializer.Serialize(new { keys = new object[] { PublicJwk(Key), PublicJwk(EcKey) } });

    /// <summary>The public halves of these keys (RSA or ECDSA P-384) as a JSON Web Key Set, e.g. for a JWKS URL or an identity provider.</summary>
    public static string JwksOf(params SecurityKey[] keys) => JsonSerializer.Serialize(new
    {
        keys = keys.Select(k => k switch
        {
            RsaSecurityKey rsa => PublicJwk(rsa),
            ECDsaSecurityKey ec => PublicJwk(ec),
            _ => throw new ArgumentException($"Not an RSA or ECDSA key: {k.GetType().Name}", nameof(keys)),
        }).ToArray(),
    });

    /// <summary>The configuration (key, value) that registers a backend client with <see cref="Jwks"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Registration(string clientId, string scopes, params string[] organizations)
    {
        yield return new($"Security:Clients:{clientId}:Jwks", Jwks);
        yield return new($"Security:Clients:{clientId}:Scopes", scopes);
        for (var i = 0; i < organizations.Length; i++)
        {
            yield return new($"Security:Clients:{clientId}:Organizations:{i}", organizations[i]);
        }
    }

    /// <summary>A signed client assertion: iss = sub = the client, aud = the token endpoint, a fresh jti, exp in 4 minutes.</summary>
    public static string Assertion(string clientId, Uri tokenEndpoint, SecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha384, TimeSpan? lifetime = null, string? jti = null)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint.AbsoluteUri,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(4)),
            SigningCredentials = new SigningCredentials(key ?? Key, algorithm),
        });
    }

    /// <summary>The token request of SMART Backend Services.</summary>
    public static FormUrlEncodedContent TokenRequest(string scope, string assertion) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["scope"] = scope,
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ["client_assertion"] = assertion,
    });

    /// <summary>An access token for the client from the server's token endpoint (origin: e.g. http://localhost/).</summary>
    public static async Task<string> TokenAsync(HttpClient http, Uri origin, string clientId = SystemClientId, string scope = SystemScopes)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = new Uri(origin, "auth/token");
        using var content = TokenRequest(scope, Assertion(clientId, endpoint));
        using var response = await http.PostAsync(endpoint, content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public static void Authorize(HttpClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static Dictionary<string, string> PublicJwk(ECDsaSecurityKey key)
    {
        var parameters = key.ECDsa.ExportParameters(false);
        return new()
        {
            ["kty"] = "EC",
            ["kid"] = key.KeyId,
            ["alg"] = "ES384",
            ["use"] = "sig",
            ["crv"] = "P-384",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    private static Dictionary<string, string> PublicJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new()
        {
            ["kty"] = "RSA",
            ["kid"] = key.KeyId,
            ["alg"] = "RS384",
            ["use"] = "sig",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
