using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// Checks a client assertion of a client registered by a JWKS URL against the keys fetched from that URL: when the
/// assertion names a kid the cached set lacks (a rotated key), the set is fetched again first (see
/// <see cref="ClientKeySets"/>), then the signature is checked against the cached set only. Client assertions:
/// https://hl7.org/fhir/smart-app-launch/backend-services.html#authenticating-to-the-token-endpoint
/// </summary>
public sealed class ClientKeySetRefresh(ClientKeySets keySets) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientKeySetRefresh>()
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 600)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion)
            || context.TokenValidationParameters is not { } parameters || Unverified(context.Token) is not { } assertion)
        {
            return;
        }

        // The issuer is not verified yet: it only picks whose keys the signature must match, as OpenIddict does itself.
        var clientId = assertion.Issuer;
        if (!keySets.IsRegisteredByUrl(clientId))
        {
            return;
        }

        await keySets.EnsureKeyAsync(clientId, string.IsNullOrEmpty(assertion.Kid) ? null : assertion.Kid, context.CancellationToken).ConfigureAwait(false);
        var keys = keySets.SigningKeys(clientId);
        parameters.IssuerSigningKeyResolver = (_, _, _, _) => keys;
    }

    private static JsonWebToken? Unverified(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // Not a JWT: OpenIddict's own validation refuses it.
            return null;
        }
    }
}
