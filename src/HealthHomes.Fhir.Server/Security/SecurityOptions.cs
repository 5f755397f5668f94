namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// Settings bound from the "Security" configuration section: whether bearer tokens are required, the embedded
/// authorization server's clients, and external issuers whose tokens are also accepted.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// When true (the default) every FHIR interaction needs a bearer token whose scopes allow it. False turns
    /// authorization off for local experiments: every caller sees and may change everything, and the server says so in
    /// its log at startup and every <see cref="DisabledWarningMinutes"/> minutes.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often (minutes) the "security is off" warning is repeated. Default 10.</summary>
    public double DisabledWarningMinutes { get; set; } = 10;

    /// <summary>
    /// The embedded authorization server's issuer (the `iss` of its tokens), e.g. https://fhir.example.org/. Default: the
    /// origin of FhirServer:PublicBaseUrl when set, else the origin the request arrived at.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Lifetime of an access token in minutes. Default 60 (SMART Backend Services recommends at most 5 for system clients: see <see cref="SystemAccessTokenMinutes"/>).</summary>
    public double AccessTokenMinutes { get; set; } = 60;

    /// <summary>Lifetime of an access token issued to a Backend Services (client_credentials) client, in minutes. Default 5.</summary>
    public double SystemAccessTokenMinutes { get; set; } = 5;

    /// <summary>
    /// Where the authorization server keeps its signing and encryption keys (created on first start, readable by the
    /// server's user only). Default: the folder "keys" inside Storage:DataDirectory.
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// Whether the authorization endpoints refuse plain HTTP. Default false: the server is expected to sit behind a
    /// TLS-terminating proxy (and localhost needs no TLS); set true when Kestrel itself serves HTTPS.
    /// </summary>
    public bool RequireHttps { get; set; }

    /// <summary>The clients of the embedded authorization server, by client id.</summary>
    public Dictionary<string, RegisteredClient> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The people who sign in at the embedded server's login page (SMART App Launch), by user name.</summary>
    public Dictionary<string, RegisteredUser> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>External authorization servers whose tokens are accepted too (e.g. Keycloak, Entra ID), found through their metadata.</summary>
    public List<ExternalIssuer> ExternalIssuers { get; set; } = [];
}

/// <summary>A client of the embedded authorization server, registered by configuration (Security:Clients:{clientId}).</summary>
public sealed class RegisteredClient
{
    public string? DisplayName { get; set; }

    /// <summary>
    /// The scopes the client may be granted, space-separated SMART scopes (e.g. "system/*.rs system/Task.cruds"). A token
    /// request gets the part of what it asks that these allow; asking for nothing allowed is refused (invalid_scope).
    /// </summary>
    public string Scopes { get; set; } = "";

    /// <summary>
    /// The client's public keys as an inline JSON Web Key Set ({"keys":[...]}), for SMART Backend Services
    /// (private_key_jwt client assertions signed RS384 or ES384).
    /// </summary>
    public string? Jwks { get; set; }

    /// <summary>
    /// Where the client publishes its public keys (a JWKS URL, https), instead of <see cref="Jwks"/>
    /// (https://hl7.org/fhir/smart-app-launch/backend-services.html#registering-a-client-communicating-public-keys). The
    /// set is fetched at startup and again when an assertion names an unknown kid, at most once a minute.
    /// </summary>
    public string? JwksUrl { get; set; }

    /// <summary>
    /// A client secret (client_secret_basic or client_secret_post). Meant for local experiments; Backend Services
    /// clients should use <see cref="Jwks"/> or <see cref="JwksUrl"/>. Never logged.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// For system/ scopes: the organizations (Organization ids) whose members' data the client may see; empty = every
    /// member's data (e.g. the state's reporting job).
    /// </summary>
    public List<string> Organizations { get; set; } = [];

    /// <summary>
    /// A SMART app's redirect URIs (exact match): the client may use the App Launch authorization-code flow (with PKCE
    /// S256) and refresh tokens. Its Scopes then also name the launch scopes it may ask for (openid fhirUser
    /// launch/patient offline_access) and patient/ or user/ scopes.
    /// </summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>A public app (a browser or native app that cannot keep a secret): no Jwks or Secret, PKCE only.</summary>
    public bool Public { get; set; }
}

/// <summary>A person who signs in at the embedded server (Security:Users:{userName}).</summary>
public sealed class RegisteredUser
{
    /// <summary>Who the user is in FHIR: Practitioner/{id} or PractitionerRole/{id} (staff: user/ scopes, the patient picker), or Patient/{id} (a member: their own record).</summary>
    public string FhirUser { get; set; } = "";

    /// <summary>
    /// The password as an ASP.NET Core Identity hash (PasswordHasher v3: PBKDF2-SHA512). Produce one with the README's
    /// command. Never logged.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>A plain password, for local experiments only (Development). Never logged.</summary>
    public string? Password { get; set; }

    public string? DisplayName { get; set; }
}

/// <summary>An external OpenID Connect / OAuth 2.0 issuer whose access tokens the FHIR endpoints accept.</summary>
public sealed class ExternalIssuer
{
    /// <summary>The issuer URL (`iss`); its metadata is read from {Authority}/.well-known/openid-configuration.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The audience its tokens must carry. Default: the FHIR base URL.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// For system/ scopes: the organizations whose members' data this issuer's clients may see; empty = every member's data.
    /// </summary>
    public List<string> Organizations { get; set; } = [];
}
