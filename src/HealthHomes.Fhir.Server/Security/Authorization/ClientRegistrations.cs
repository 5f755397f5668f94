using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// Makes the authorization server's applications match Security:Clients at startup: each configured client is created
/// or updated (its secret hashed, its JSON Web Key Set kept for private_key_jwt), and applications no longer configured
/// are removed. Configuration is the one source of truth; nothing here is logged but client ids.
/// </summary>
public static class ClientRegistrations
{
    public static async Task SynchronizeAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientRegistrations));
        foreach (var (clientId, client) in options.Clients)
        {
            var descriptor = Describe(clientId, client);
            if (await manager.FindByClientIdAsync(clientId, ct).ConfigureAwait(false) is { } existing)
            {
                await manager.UpdateAsync(existing, descriptor, ct).ConfigureAwait(false);
            }
            else
            {
                await manager.CreateAsync(descriptor, ct).ConfigureAwait(false);
            }

            logger.LogInformation("Authorization client {ClientId} registered ({Authentication}; may be granted: {Scopes})",
                clientId, client.Public ? "public app, PKCE" : descriptor.JsonWebKeySet is null ? "client secret" : "private_key_jwt", client.Scopes);
        }

        var stale = new List<object>();
        await foreach (var application in manager.ListAsync(count: null, offset: null, ct).ConfigureAwait(false))
        {
            if (await manager.GetClientIdAsync(application, ct).ConfigureAwait(false) is not { } id || !options.Clients.ContainsKey(id))
            {
                stale.Add(application);
            }
        }

        foreach (var application in stale)
        {
            await manager.DeleteAsync(application, ct).ConfigureAwait(false);
        }
    }

    private static OpenIddictApplicationDescriptor Describe(string clientId, RegisteredClient client)
    {
        if (client.Public ? client.Jwks is not null || client.Secret is not null || client.RedirectUris.Count == 0 : client.Jwks is null && client.Secret is null)
        {
            throw new InvalidOperationException(client.Public
                ? $"Security:Clients:{clientId} is Public: it needs RedirectUris and has no Jwks or Secret."
                : $"Security:Clients:{clientId} needs Jwks (its public keys, for private_key_jwt) or Secret.");
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = client.DisplayName ?? clientId,
            ClientType = client.Public ? ClientTypes.Public : ClientTypes.Confidential,
            ClientSecret = client.Public ? null : client.Secret,
            Permissions = { Permissions.Endpoints.Token },
        };
        if (!client.Public)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        if (client.RedirectUris.Count > 0)
        {
            // A SMART app: the App Launch authorization-code flow with PKCE, and refresh tokens (offline_access).
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            foreach (var uri in client.RedirectUris)
            {
                descriptor.RedirectUris.Add(Uri.TryCreate(uri, UriKind.Absolute, out var redirect)
                    ? redirect
                    : throw new InvalidOperationException($"Security:Clients:{clientId}:RedirectUris has '{uri}', which is not an absolute URI."));
            }
        }
        if (client.Jwks is { } jwks)
        {
            try
            {
                descriptor.JsonWebKeySet = new JsonWebKeySet(jwks);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"Security:Clients:{clientId}:Jwks is not a JSON Web Key Set: {e.Message}", e);
            }
        }

        return descriptor;
    }
}
