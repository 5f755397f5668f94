using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// SMART Backend Services' rules for a client assertion that OpenIddict does not apply itself: it carries a jti that is
/// never accepted twice (recorded in <see cref="ClientAssertionUse"/> until it expires), and its exp is at most five
/// minutes away (https://hl7.org/fhir/smart-app-launch/backend-services.html#authenticating-to-the-token-endpoint).
/// </summary>
public sealed class ClientAssertionReplay(AuthorizationDbContext db, TimeProvider clock) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<ClientAssertionReplay>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientType.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ClientAssertionPrincipal is not { } assertion)
        {
            return;
        }

        var clientId = assertion.FindFirst(Claims.Issuer)?.Value ?? "";
        var jti = assertion.FindFirst(Claims.JwtId)?.Value;
        var now = clock.GetUtcNow();
        if (string.IsNullOrEmpty(jti))
        {
            context.Reject(Errors.InvalidClient, "The client assertion has no jti.");
            return;
        }

        if (!long.TryParse(assertion.FindFirst(Claims.ExpiresAt)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp)
            || DateTimeOffset.FromUnixTimeSeconds(exp) is var expires && expires > now + MaxLifetime + TimeSpan.FromSeconds(30))
        {
            context.Reject(Errors.InvalidClient, "The client assertion's exp must be at most five minutes in the future.");
            return;
        }

        await db.ClientAssertionUses.Where(u => u.ExpiresAt < now.UtcTicks).ExecuteDeleteAsync(context.CancellationToken).ConfigureAwait(false);
        if (await db.ClientAssertionUses.AnyAsync(u => u.ClientId == clientId && u.Jti == jti, context.CancellationToken).ConfigureAwait(false))
        {
            context.Reject(Errors.InvalidClient, "The client assertion's jti was used before; sign a new assertion for every token request.");
            return;
        }

        db.ClientAssertionUses.Add(new ClientAssertionUse { ClientId = clientId, Jti = jti, ExpiresAt = expires.UtcTicks });
        try
        {
            await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two requests with the same assertion at once: the primary key lets one through.
            context.Reject(Errors.InvalidClient, "The client assertion's jti was used before; sign a new assertion for every token request.");
        }
    }
}
