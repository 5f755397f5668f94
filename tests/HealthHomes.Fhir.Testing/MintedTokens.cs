using HealthHomes.Fhir.Server.Security.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthHomes.Fhir.Testing;

/// <summary>
/// Access tokens signed with a test server's own signing key, with whatever claims a test needs (a launch patient, a
/// fhirUser, an expiry in the past, another audience). They exercise the resource server's validation and confinement
/// exactly as the authorization server's tokens do; the token endpoint's own tests use the real endpoint.
/// </summary>
public static class MintedTokens
{
    public static string Create(
        FhirServerFactory factory,
        string scope,
        string? patient = null,
        string? fhirUser = null,
        string issuer = "http://localhost/",
        string audience = "http://localhost/fhir",
        DateTime? expires = null,
        DateTime? notBefore = null,
        SecurityKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var claims = new Dictionary<string, object> { ["scope"] = scope, ["client_id"] = "minted", ["sub"] = fhirUser ?? "minted" };
        if (patient is not null)
        {
            claims["patient"] = patient;
        }

        if (fhirUser is not null)
        {
            claims["fhirUser"] = fhirUser;
        }

        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(10);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? expiry.AddMinutes(-10)) < now ? notBefore ?? expiry.AddMinutes(-10) : now,
            NotBefore = notBefore ?? expiry.AddMinutes(-10),
            Expires = expiry,
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(key ?? factory.Services.GetRequiredService<AuthorizationKeys>().Signing, SecurityAlgorithms.RsaSha256),
        });
    }
}
