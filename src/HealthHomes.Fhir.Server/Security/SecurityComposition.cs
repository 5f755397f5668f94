using HealthHomes.Fhir.Server.Security.Authorization;
using HealthHomes.Fhir.Server.Security.Launch;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Sqlite;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// SMART on FHIR authorization, wired: the embedded authorization server (OpenIddict, its tables in the server's
/// database), bearer token validation (JwtBearer: the embedded server's tokens and any configured external issuer's),
/// the fallback policy that makes every endpoint but the open ones need a token, and the scope checks on FHIR routes.
/// </summary>
public static class SecurityComposition
{
    /// <summary>The authentication scheme that picks the embedded or an external issuer's validation by the token's iss.</summary>
    public const string Scheme = "smart";

    private const string ExternalSchemePrefix = "external-";

    public static IServiceCollection AddFhirSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.SectionName));
        var options = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddHttpContextAccessor();
        services.AddSingleton<CallerResolution>();
        services.AddHostedService<SecurityOffWarning>();
        services.AddAuthorization(o =>
        {
            if (options.Enabled)
            {
                o.FallbackPolicy = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
            }
        });
        var authentication = services.AddAuthentication(Scheme);
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => AuthorizationKeys.LoadOrCreate(KeyDirectory(sp)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClientKeySets>();
        services.AddHttpClient(ClientKeySets.HttpClientName, http => http.Timeout = ClientKeySets.FetchTimeout);
        services.AddDbContext<AuthorizationDbContext>((sp, db) => AuthorizationDbContext.Configure(db, sp.GetRequiredService<SqliteDatabase>().ConnectionString));
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthorizationDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'))
                    .SetAuthorizationEndpointUris(AuthorizeEndpoint.Path.TrimStart('/'))
                    .SetConfigurationEndpointUris(".well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .RequireProofKeyForCodeExchange();
                server.DisableAccessTokenEncryption();
                server.DisableScopeValidation();
                server.IgnoreScopePermissions();
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(options.AccessTokenMinutes));
                if (TokenAudience.ConfiguredIssuer(options, configuration.GetSection(FhirServerOptions.SectionName).Get<FhirServerOptions>() ?? new FhirServerOptions()) is { } issuer)
                {
                    server.SetIssuer(new Uri(issuer));
                }

                server.AddEventHandler(SmartClientAssertionFormat.Descriptor);
                server.AddEventHandler(ClientKeySetRefresh.Descriptor);
                server.AddEventHandler(ClientAssertionReplay.Descriptor);
                server.AddEventHandler(TokenResponseScope.Descriptor);
                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough();
                if (!options.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        services.AddOptions<OpenIddict.Server.OpenIddictServerOptions>().Configure<AuthorizationKeys>((server, keys) =>
        {
            // SMART App Launch: PKCE with S256 only (https://hl7.org/fhir/smart-app-launch/app-launch.html#considerations-for-pkce-support).
            server.CodeChallengeMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Plain);
            server.SigningCredentials.Add(new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        });

        // The App Launch pages: a sign-in cookie for /auth only, antiforgery on their forms, and Data Protection keys
        // (cookies, the patient choice) beside the authorization server's own keys, so they survive a restart.
        authentication.AddCookie(LoginPage.Scheme, cookie =>
        {
            cookie.LoginPath = LoginPage.Path;
            cookie.Cookie.Name = "hh.login";
            cookie.Cookie.Path = "/auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = false;
        });
        services.AddAntiforgery(a => a.Cookie.Path = "/auth");
        services.AddSingleton<PatientChoice>();
        services.AddSingleton<EhrLaunch>();
        services.AddDataProtection().SetApplicationName("HealthHomes.Fhir");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, sp) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(KeyDirectory(sp), "data-protection")), sp.GetRequiredService<ILoggerFactory>()));

        authentication.AddPolicyScheme(Scheme, "SMART bearer tokens", policy => policy.ForwardDefaultSelector = http => SchemeFor(http, options));
        authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.MapInboundClaims = false);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<AuthorizationKeys, IHttpContextAccessor>((jwt, keys, accessor) =>
            jwt.TokenValidationParameters = TokenAudience.Parameters(accessor, options, keys.Signing, expectedIssuer: http => TokenAudience.EmbeddedIssuer(http, options), audience: null));
        for (var i = 0; i < options.ExternalIssuers.Count; i++)
        {
            var external = options.ExternalIssuers[i];
            authentication.AddJwtBearer(ExternalSchemePrefix + i, jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Authority = external.Authority;
                jwt.RequireHttpsMetadata = external.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
            });
            services.AddOptions<JwtBearerOptions>(ExternalSchemePrefix + i).Configure<IHttpContextAccessor>((jwt, accessor) =>
                jwt.TokenValidationParameters = TokenAudience.Parameters(accessor, options, signingKey: null, expectedIssuer: _ => external.Authority, external.Audience));
        }

        return services;
    }

    public static WebApplication UseFhirSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Enabled)
        {
            using (var scope = app.Services.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<AuthorizationDbContext>().Database.Migrate();
            }

            ClientRegistrations.SynchronizeAsync(app.Services, CancellationToken.None).GetAwaiter().GetResult();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Enabled)
        {
            app.MapTokenEndpoint();
            app.MapAuthorizeEndpoint();
            app.MapLoginPage();
            app.MapPatientPicker();
            app.MapEhrLaunch();
        }

        return app;
    }

    /// <summary>The data folder's "keys" unless Security:KeyDirectory names another.</summary>
    private static string KeyDirectory(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<SecurityOptions>>().Value.KeyDirectory;
        var storage = services.GetRequiredService<SqliteDatabase>();
        var dataDirectory = Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString).DataSource)!;
        return configured is { Length: > 0 } ? Path.GetFullPath(configured, dataDirectory) : Path.Combine(dataDirectory, "keys");
    }

    /// <summary>An external issuer's scheme when the token's (unverified) iss names one; else the embedded server's.</summary>
    private static string SchemeFor(HttpContext http, SecurityOptions options)
    {
        if (options.ExternalIssuers.Count == 0)
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var issuer = new JsonWebToken(header[7..].Trim()).Issuer;
                var index = options.ExternalIssuers.FindIndex(e => string.Equals(e.Authority.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal));
                if (index >= 0)
                {
                    return ExternalSchemePrefix + index;
                }
            }
            catch (ArgumentException)
            {
                // Not a JWT: the embedded scheme refuses it with 401.
            }
        }

        return JwtBearerDefaults.AuthenticationScheme;
    }
}
