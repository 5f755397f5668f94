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

    private static IResult IssueAsync(HttpContext http, IOptions<SecurityOptions> options, HttpFhirRequests requests)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The token endpoint ran without an OpenID Connect request.");
        if (!request.IsClientCredentialsGrantType() || request.ClientId is not { } clientId || !options.Value.Clients.TryGetValue(clientId, out var client))
        {
            return Refuse(Errors.UnsupportedGrantType, "This server issues tokens for the client_credentials grant (SMART Backend Services).");
        }

        var granted = ScopePolicy.Grant(request.GetScopes(), client.Scopes, ScopeContext.System);
        if (granted.Count == 0)
        {
            return Refuse(Errors.InvalidScope, $"None of the requested scopes ('{request.Scope}') is allowed for client {clientId}; it may be granted '{client.Scopes}'.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetScopes(granted);
        identity.SetAudiences(requests.BaseUrl(http.Request));
        identity.SetAccessTokenLifetime(TimeSpan.FromMinutes(options.Value.SystemAccessTokenMinutes));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
