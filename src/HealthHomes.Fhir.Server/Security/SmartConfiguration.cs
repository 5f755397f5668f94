using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Security.Authorization;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// What the server tells clients about its authorization: [base]/.well-known/smart-configuration
/// (https://hl7.org/fhir/smart-app-launch/conformance.html) and the CapabilityStatement's rest.security.
/// </summary>
public static class SmartConfiguration
{
    /// <summary>The signing algorithms accepted for client assertions (SMART Backend Services requires RS384 and ES384).</summary>
    public static readonly string[] AssertionAlgorithms = ["RS384", "ES384"];

    public static RouteGroupBuilder MapSmartConfiguration(this RouteGroupBuilder fhir)
    {
        ArgumentNullException.ThrowIfNull(fhir);
        fhir.MapGet("/.well-known/smart-configuration", (HttpContext http, HttpFhirRequests requests, IOptions<SecurityOptions> options) =>
        {
            if (!options.Value.Enabled)
            {
                return Results.Json(new Dictionary<string, object> { ["capabilities"] = Array.Empty<string>() }, contentType: "application/json");
            }

            var origin = AuthorizationBase(requests.BaseUrl(http.Request));
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = TokenAudience.EmbeddedIssuer(http, options.Value),
                ["jwks_uri"] = origin + "/.well-known/jwks",
                ["token_endpoint"] = origin + TokenEndpoint.Path,
                ["authorization_endpoint"] = origin + Launch.AuthorizeEndpoint.Path,
                ["grant_types_supported"] = new[] { "authorization_code", "client_credentials", "refresh_token" },
                ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt", "client_secret_basic", "client_secret_post" },
                ["token_endpoint_auth_signing_alg_values_supported"] = AssertionAlgorithms,
                ["scopes_supported"] = new[]
                {
                    "openid", "fhirUser", "launch", "launch/patient", "offline_access", "patient/*.rs", "patient/*.cruds", "user/*.rs", "user/*.cruds",
                    "system/*.rs", "system/*.cruds", "patient/*.read", "user/*.read", "system/*.read", "system/*.write", "system/*.*",
                },
                ["response_types_supported"] = new[] { "code" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
                ["capabilities"] = new[]
                {
                    "launch-standalone", "launch-ehr", "context-ehr-patient", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
                    "context-standalone-patient", "sso-openid-connect", "permission-offline", "permission-patient", "permission-user",
                    "permission-v1", "permission-v2",
                },
            }, contentType: "application/json");
        }).WithName("smart-configuration").Open();
        return fhir;
    }

    /// <summary>The CapabilityStatement's rest.security: the SMART-on-FHIR service and the OAuth URIs (http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris).</summary>
    public static CapabilityStatement.SecurityComponent Security(string fhirBaseUrl)
    {
        var origin = AuthorizationBase(fhirBaseUrl);
        return new CapabilityStatement.SecurityComponent
        {
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")],
            Description = "SMART on FHIR: bearer tokens from the embedded authorization server (App Launch: authorization code with PKCE; Backend Services: client_credentials with private_key_jwt) or a configured external issuer; scopes are enforced on every interaction and confine reads to the caller's members.",
            Extension =
            [
                new Extension
                {
                    Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                    Extension =
                    [
                        new Extension("token", new FhirUri(origin + TokenEndpoint.Path)),
                        new Extension("authorize", new FhirUri(origin + Launch.AuthorizeEndpoint.Path)),
                    ],
                },
            ],
        };
    }

    /// <summary>Where the authorization server's endpoints live: the FHIR base without its /fhir path.</summary>
    private static string AuthorizationBase(string fhirBaseUrl)
        => fhirBaseUrl.EndsWith(HttpFhirRequests.BasePath, StringComparison.Ordinal) ? fhirBaseUrl[..^HttpFhirRequests.BasePath.Length] : fhirBaseUrl;
}
