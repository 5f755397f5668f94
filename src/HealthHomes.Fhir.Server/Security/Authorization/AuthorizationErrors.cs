using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>An OAuth 2.0 error answer from a passthrough endpoint, written by OpenIddict (error and error_description).</summary>
public static class AuthorizationErrors
{
    public static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
