using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// Makes the authorization server's applications match Security:Clients at startup: each configured client is created
/// or updated (its secret hashed, its JSON Web Key Set kept for private_key_jwt, inline or fetched from its JwksUrl by
/// <see cref="ClientKeySets"/>), and applications no longer configured are removed. Configuration is the one source of
/// truth; nothing here is logged but client ids and JWKS URLs.
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
        var keySets = scope.ServiceProvider.GetRequiredService<ClientKeySets>();
        var fetched = new Dictionary<string, JsonWebKeySet?>(StringComparer.Ordinal);
        foreach (var (clientId, client) in options.Clients)
        {
            Check(clientId, client);
        }

        // Fetched together: an unreachable URL costs the startup one timeout, not one per client.
        var byUrl = options.Clients.Where(c => c.Value.JwksUrl is { Length: > 0 }).Select(c => c.Key).ToList();
        var sets = await Task.WhenAll(byUrl.Select(id => keySets.CurrentAsync(id, ct))).ConfigureAwait(false);
        for (var i = 0; i < byUrl.Count; i++)
        {
            fetched[byUrl[i]] = sets[i];
        }

        foreach (var (clientId, client) in options.Clients)
        {
            var descriptor = Describe(clientId, client, fetched.GetValueOrDefault(clientId));
            if (await manager.FindByClientIdAsync(clientId, ct).ConfigureAwait(false) is { } existing)
            {
                await manager.UpdateAsync(existing, descriptor, ct).ConfigureAwait(false);
            }
            else
            {
                await manager.CreateAsync(descriptor, ct).ConfigureAwait(false);
            }

            logger.LogInformation("Authorization client {ClientId} registered ({Authentication}; may be granted: {Scopes})",
                clientId,
                client.Public ? "public app, PKCE" : client.JwksUrl is { Length: > 0 } url ? $"private_key_jwt, keys from {url}" : descriptor.JsonWebKeySet is null ? "client secret" : "private_key_jwt",
                client.Scopes);
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

    /// <summary>A client needs Jwks, JwksUrl (an absolute https URL; http only on a loopback host) or Secret; not Jwks and JwksUrl both.</summary>
    private static void Check(string clientId, RegisteredClient client)
    {
        var hasKeys = client.Jwks is not null || client.JwksUrl is { Length: > 0 };
        if (client.Public ? hasKeys || client.Secret is not null || client.RedirectUris.Count == 0 : !hasKeys && client.Secret is null)
        {
            throw new InvalidOperationException(client.Public
                ? $"Security:Clients:{clientId} is Public: it needs RedirectUris and has no Jwks, JwksUrl or Secret."
                : $"Security:Clients:{clientId} needs Jwks (its public keys, for private_key_jwt), JwksUrl (where they are published) or Secret.");
        }

        if (client.Jwks is not null && client.JwksUrl is { Length: > 0 })
        {
            throw new InvalidOperationException($"Security:Clients:{clientId} has both Jwks and JwksUrl: give its keys one way.");
        }

        if (client.JwksUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            throw new InvalidOperationException($"Security:Clients:{clientId}:JwksUrl '{url}' is not an absolute https URL (http is accepted on a loopback host only).");
        }
    }

    /// <param name="fetched">For a client registered by JwksUrl: the set fetched from it, null when the fetch failed.</param>
    private static OpenIddictApplicationDescriptor Describe(string clientId, RegisteredClient client, JsonWebKeySet? fetched)
    {
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
        else if (client.JwksUrl is { Length: > 0 })
        {
            descriptor.JsonWebKeySet = fetched ?? Unusable();
        }

        return descriptor;
    }

    /// <summary>
    /// OpenIddict keeps a confidential application only with a secret or a signing key. A client whose JWKS URL could
    /// not be fetched gets a public key whose private half never existed outside this method; its assertions are
    /// checked against the fetched keys only (<see cref="ClientKeySetRefresh"/>), so none is accepted until a fetch succeeds.
    /// </summary>
    private static JsonWebKeySet Unusable()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var set = new JsonWebKeySet();
        set.Keys.Add(new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.RSA,
            Use = JsonWebKeyUseNames.Sig,
            Kid = "not-fetched",
            N = Base64UrlEncoder.Encode(parameters.Modulus),
            E = Base64UrlEncoder.Encode(parameters.Exponent),
        });
        return set;
    }
}
