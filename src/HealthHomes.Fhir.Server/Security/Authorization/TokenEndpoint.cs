using System.Security.Claims;
using HealthHomes.Fhir.Server.Rest;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// The token endpoint's decisions, after OpenIddict has authenticated the client (client secret, or a private_key_jwt
/// assertion checked against the client's keys, its audience, lifetime and jti): which scopes are granted, and the
/// access token's audience (the FHIR base URL) and lifetime. SMART Backend Services:
/// https://hl7.org/fhir/smart-app-launch/backend-services.html
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/auth/token";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpContext http, IOptions<SecurityOptions> options, HttpFhirRequests requests)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The token endpoint ran without an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            return await FromLaunchAsync(http, options.Value).ConfigureAwait(false);
        }

        if (!request.IsClientCredentialsGrantType() || request.ClientId is not { } clientId || !options.Value.Clients.TryGetValue(clientId, out var client))
        {
            return AuthorizationErrors.Refuse(Errors.UnsupportedGrantType, "This server issues tokens for client_credentials (SMART Backend Services), authorization_code and refresh_token (SMART App Launch).");
        }

        var granted = ScopePolicy.Grant(request.GetScopes(), client.Scopes, ScopeContext.System);
        if (granted.Count == 0)
        {
            return AuthorizationErrors.Refuse(Errors.InvalidScope, $"None of the requested scopes ('{request.Scope}') is allowed for client {clientId}; it may be granted '{client.Scopes}'.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetScopes(granted);
        identity.SetAudiences(requests.BaseUrl(http.Request));
        identity.SetAccessTokenLifetime(TimeSpan.FromMinutes(options.Value.SystemAccessTokenMinutes));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The code of an App Launch (or a refresh token) becomes tokens carrying what the authorize endpoint decided, with
    /// the launch context in the response (`patient`: https://hl7.org/fhir/smart-app-launch/app-launch.html#response-5),
    /// as long as the user is still registered.
    /// </summary>
    private static async Task<IResult> FromLaunchAsync(HttpContext http, SecurityOptions options)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (result.Principal is not { } principal || principal.GetClaim(Claims.Subject) is not { } userName || !options.Users.ContainsKey(userName))
        {
            return AuthorizationErrors.Refuse(Errors.InvalidGrant, "The code or refresh token is no longer valid (or its user is no longer registered).");
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (principal.GetClaim(CallerResolution.PatientClaim) is { } patient)
        {
            parameters["patient"] = patient;
            parameters["need_patient_banner"] = true;
        }

        return Results.SignIn(principal, new AuthenticationProperties(items: null, parameters), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
