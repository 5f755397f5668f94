using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// Accepts client assertions in the form SMART Backend Services prescribes: a JWT header "typ" of "JWT" or none, and
/// an "aud" that is the token endpoint's URL (https://hl7.org/fhir/smart-app-launch/backend-services.html#authenticating-to-the-token-endpoint).
/// OpenIddict 7 expects the newer form (typ "client-authentication+jwt", aud the issuer); both are accepted.
/// Signature, issuer = subject = client id, expiry and jti are checked as before.
/// </summary>
public sealed class SmartClientAssertionFormat : IOpenIddictServerHandler<ValidateTokenContext>
{
    private const string ClientAuthenticationType = "client-authentication+jwt";

    private static readonly string[] AssertionTypes = ["JWT", ClientAuthenticationType, "application/" + ClientAuthenticationType];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<SmartClientAssertionFormat>()
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion) || context.TokenValidationParameters is not { } parameters)
        {
            return ValueTask.CompletedTask;
        }

        var issuer = context.Options.Issuer ?? context.BaseUri;
        var tokenEndpoint = context.BaseUri is null ? null : new Uri(context.BaseUri, TokenEndpoint.Path.TrimStart('/'));
        parameters.ValidTypes = null;
        // The validated type is what OpenIddict classifies the token by: every accepted form is a client assertion.
        parameters.TypeValidator = (type, _, _) => string.IsNullOrEmpty(type) || AssertionTypes.Contains(type, StringComparer.OrdinalIgnoreCase)
            ? ClientAuthenticationType
            : throw new SecurityTokenInvalidTypeException($"A client assertion's typ is JWT (or absent), not '{type}'.");
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = TokenAudience.ClockSkew;
        parameters.ValidateAudience = true;
        parameters.AudienceValidator = (audiences, _, _) => audiences.Any(a => Same(a, tokenEndpoint) || Same(a, issuer));
        if (tokenEndpoint is not null)
        {
            // OpenIddict checks the audience again against its own list (the issuer by default).
            context.ValidAudiences.Add(tokenEndpoint.AbsoluteUri);
        }

        return ValueTask.CompletedTask;
    }

    private static bool Same(string audience, Uri? expected)
        => expected is not null && string.Equals(audience.TrimEnd('/'), expected.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
}
