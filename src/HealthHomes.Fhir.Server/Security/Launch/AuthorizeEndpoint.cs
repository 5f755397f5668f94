using System.Security.Claims;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Security.Authorization;
using HealthHomes.Fhir.Storage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HealthHomes.Fhir.Server.Security.Launch;

/// <summary>
/// The authorize endpoint of SMART App Launch (standalone launch: https://hl7.org/fhir/smart-app-launch/app-launch.html),
/// after OpenIddict has checked the client, its redirect URI and the PKCE challenge (S256 only): the request must name
/// this server's FHIR base as `aud`; the user signs in (<see cref="LoginPage"/>); staff pick the member for
/// launch/patient (<see cref="PatientPicker"/>), a member is their own patient; the code then carries the granted
/// scopes, the user (fhirUser) and the patient in context.
/// </summary>
public static class AuthorizeEndpoint
{
    public const string Path = "/auth/authorize";

    public static IEndpointRouteBuilder MapAuthorizeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, ["GET", "POST"], AuthorizeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IOptions<SecurityOptions> options, HttpFhirRequests requests, CallerResolution callers, IResourceStore store, PatientChoice choices, EhrLaunch launches)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The authorize endpoint ran without an OpenID Connect request.");
        var fhirBase = requests.BaseUrl(http.Request);
        if (!string.Equals(((string?)request["aud"])?.TrimEnd('/'), fhirBase, StringComparison.Ordinal))
        {
            return AuthorizationErrors.Refuse(Errors.InvalidRequest, $"aud must be this server's FHIR base URL, {fhirBase}.");
        }

        var here = Path + (http.Request.HasFormContentType
            ? QueryString.Create((await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false)).Select(f => new KeyValuePair<string, string?>(f.Key, f.Value.ToString())))
            : http.Request.QueryString);
        if (await PatientPicker.SignedInUserAsync(http, options).ConfigureAwait(false) is not { } user)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = here }, [LoginPage.Scheme]);
        }

        var client = options.Value.Clients[request.ClientId!];
        var memberUser = user.FhirUser.StartsWith("Patient/", StringComparison.Ordinal);
        var granted = LaunchScopes.Grant(request.GetScopes(), client.Scopes, memberUser);
        if (!granted.Any(s => s.Contains('/', StringComparison.Ordinal) && !s.StartsWith("launch", StringComparison.Ordinal)))
        {
            return AuthorizationErrors.Refuse(Errors.InvalidScope, $"None of the requested resource scopes ('{request.Scope}') is allowed for {request.ClientId} and this user.");
        }

        string? patient = null;
        var ehrLaunch = granted.Contains(LaunchScopes.Launch) ? (string?)request[LaunchScopes.Launch] : null;
        if (ehrLaunch is not null)
        {
            // EHR launch: the member is the launch context's, and the signed-in user must be able to see them.
            patient = launches.PatientOf(ehrLaunch);
            if (patient is null || (memberUser ? user.FhirUser != "Patient/" + patient : !await ServesAsync(user.FhirUser, patient)))
            {
                return AuthorizationErrors.Refuse(Errors.AccessDenied, "The launch is unknown or expired, or its member is not one this user serves.");
            }
        }
        else if (LaunchScopes.NeedsPatient(granted))
        {
            patient = memberUser ? user.FhirUser["Patient/".Length..] : choices.Read(http, user.UserName);
            if (patient is null || (!memberUser && !await ServesAsync(user.FhirUser, patient)))
            {
                return Results.Redirect(PatientPicker.Path + QueryString.Create("authorize", here));
            }
        }

        async Task<bool> ServesAsync(string fhirUser, string member)
        {
            var served = await callers.MembersServedByAsync(fhirUser, http.RequestAborted).ConfigureAwait(false);
            return await store.ReadAsync("Patient", member, new AccessFilter { Members = served }, http.RequestAborted).ConfigureAwait(false) is { IsDeleted: false };
        }

        PatientChoice.Forget(http);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.UserName);
        identity.SetClaim(CallerResolution.FhirUserClaim, user.FhirUser);
        if (patient is not null)
        {
            identity.SetClaim(CallerResolution.PatientClaim, patient);
        }

        identity.SetScopes(granted);
        identity.SetAudiences(fhirBase);
        var idTokenFhirUser = granted.Contains(LaunchScopes.OpenId) && granted.Contains(LaunchScopes.FhirUser);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            CallerResolution.FhirUserClaim when idTokenFhirUser => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
