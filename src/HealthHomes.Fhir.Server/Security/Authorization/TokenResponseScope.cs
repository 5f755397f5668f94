using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// Every token response names the granted scopes, also when they are exactly the ones asked for (OAuth 2.0 lets a
/// server leave them out then, and OpenIddict does; SMART requires them:
/// https://hl7.org/fhir/smart-app-launch/backend-services.html#issuing-access-tokens).
/// </summary>
public sealed class TokenResponseScope : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenResponseScope>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The scope is left out only when it is exactly what the request asked for.
        if (!string.IsNullOrEmpty(context.Response.AccessToken) && string.IsNullOrEmpty(context.Response.Scope))
        {
            context.Response.Scope = context.Request?.Scope;
        }

        return ValueTask.CompletedTask;
    }
}
