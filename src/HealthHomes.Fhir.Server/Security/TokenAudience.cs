using HealthHomes.Fhir.Server.Rest;
using Microsoft.IdentityModel.Tokens;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// How a bearer token is validated on the FHIR endpoints: signature, issuer, audience (this server's FHIR base URL,
/// https://hl7.org/fhir/smart-app-launch/app-launch.html#request-4), expiry and not-before, with 30 seconds of clock skew.
/// </summary>
public static class TokenAudience
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <param name="signingKey">The embedded server's key; null for an external issuer (its keys come from its metadata).</param>
    /// <param name="expectedIssuer">The issuer tokens must name, for the request being served.</param>
    /// <param name="audience">The audience tokens must carry; null: the FHIR base URL of the request being served.</param>
    public static TokenValidationParameters Parameters(IHttpContextAccessor accessor, SecurityOptions options, SecurityKey? signingKey, Func<HttpContext, string> expectedIssuer, string? audience)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        var parameters = new TokenValidationParameters
        {
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            ValidateIssuer = true,
            IssuerValidator = (issuer, _, _) =>
            {
                var expected = expectedIssuer(accessor.HttpContext!);
                return SameUri(issuer, expected) ? issuer : throw new SecurityTokenInvalidIssuerException($"The token's issuer '{issuer}' is not '{expected}'.");
            },
            ValidateAudience = true,
            AudienceValidator = (audiences, _, _) =>
            {
                var expected = audience ?? FhirBase(accessor.HttpContext!);
                return audiences.Any(a => SameUri(a, expected));
            },
            NameClaimType = "sub",
        };
        if (signingKey is not null)
        {
            parameters.IssuerSigningKey = signingKey;
        }

        return parameters;
    }

    /// <summary>The embedded server's issuer: Security:Issuer, else the origin of FhirServer:PublicBaseUrl, else the origin the request came to.</summary>
    public static string EmbeddedIssuer(HttpContext http, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        return ConfiguredIssuer(options, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<FhirServerOptions>>().Value)
            ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";
    }

    /// <summary>Security:Issuer, else the origin of FhirServer:PublicBaseUrl; null when neither is set.</summary>
    public static string? ConfiguredIssuer(SecurityOptions options, FhirServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        if (options.Issuer is { Length: > 0 } issuer)
        {
            return issuer;
        }

        return server.PublicBaseUrl is { Length: > 0 } publicBase && Uri.TryCreate(publicBase, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority) + "/"
            : null;
    }

    private static string FhirBase(HttpContext http) => http.RequestServices.GetRequiredService<HttpFhirRequests>().BaseUrl(http.Request);

    private static bool SameUri(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);
}
