using System.Net;
using System.Security.Claims;
using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// Turns a validated token (the request's <see cref="ClaimsPrincipal"/>) into a <see cref="FhirCaller"/>: its scopes, its
/// launch patient, and for user/ scopes the members the user's organizations serve (from the user's PractitionerRoles,
/// with every organization that is partOf them, e.g. a Lead Entity's network).
/// </summary>
public sealed class CallerResolution(IOptions<SecurityOptions> options, IResourceStore store)
{
    /// <summary>The claims this server's tokens carry besides the standard ones (https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-context-arrives-with-your-access_token).</summary>
    public const string PatientClaim = "patient";
    public const string FhirUserClaim = "fhirUser";
    public const string ScopeClaim = "scope";
    public const string ClientIdClaim = "client_id";

    /// <summary>How many levels of Organization.partOf a user's organization reaches down (a Lead Entity's network of partners).</summary>
    private const int NetworkDepth = 4;

    /// <param name="allowAnonymous">A route open to anyone: a request without a token is <see cref="FhirCaller.Anonymous"/>.</param>
    public async Task<FhirCaller> ResolveAsync(HttpContext http, bool allowAnonymous = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<FhirCaller>() is { } known)
        {
            return known;
        }

        if (!options.Value.Enabled)
        {
            return FhirCaller.SecurityOff;
        }

        var user = http.User;
        if (user.Identity?.IsAuthenticated != true && allowAnonymous)
        {
            return FhirCaller.Anonymous;
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            // The authorization policy answers 401 before any FHIR route runs; reaching here without a token is a wiring error.
            throw new FhirRequestException(HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login, "A bearer token is required.");
        }

        var scopes = GrantedScopes.Parse(string.Join(' ', user.FindAll(ScopeClaim).Select(c => c.Value)));
        if (scopes.ResourceScopes.Any(s => s.ResourceType == "*" && s.Restriction.Count > 0))
        {
            throw new FhirRequestException(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden,
                "The token carries a restricted wildcard scope (e.g. patient/*.rs?category=...), which this server does not support: restrictions name search parameters of one resource type.");
        }

        var clientId = user.FindFirst(ClientIdClaim)?.Value ?? user.FindFirst("azp")?.Value ?? user.FindFirst("sub")?.Value ?? "";
        var members = scopes.NarrowestContext switch
        {
            ScopeContext.User => await MembersServedByAsync(user.FindFirst(FhirUserClaim)?.Value, http.RequestAborted).ConfigureAwait(false),
            ScopeContext.System => SystemConfinement(clientId, user.FindFirst("iss")?.Value),
            _ => null,
        };
        return FhirCaller.WithScopes(clientId, scopes, user.FindFirst(PatientClaim)?.Value, members);
    }

    /// <summary>
    /// A system client confined by its external issuer's Organizations when an external issuer signed the token (an
    /// external client id that happens to equal a registered client's gets nothing of that registration), else by its
    /// registration (Security:Clients:{id}:Organizations).
    /// </summary>
    private MemberConfinement? SystemConfinement(string clientId, string? issuer)
    {
        var external = options.Value.ExternalIssuers.FirstOrDefault(i => SameIssuer(i.Authority, issuer));
        var organizations = external is not null
            ? external.Organizations
            : options.Value.Clients.TryGetValue(clientId, out var client) ? client.Organizations : [];
        return organizations.Count == 0 ? null : new ServedMembers(organizations, []);
    }

    private static bool SameIssuer(string configured, string? issuer)
        => issuer is not null && string.Equals(configured.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>
    /// A user (fhirUser Practitioner/x or PractitionerRole/y) sees the members served by the organizations of their active
    /// PractitionerRoles and the organizations beneath them, and the members whose CareTeams name them.
    /// </summary>
    public async Task<MemberConfinement> MembersServedByAsync(string? fhirUser, CancellationToken ct)
    {
        if (fhirUser is null || fhirUser.Split('/') is not [("Practitioner" or "PractitionerRole") and var type, var id])
        {
            return new ServedMembers([], []);
        }

        var careTeamMembers = new List<string> { $"{type}/{id}" };
        var roles = type == "Practitioner"
            ? await store.AllAsync("PractitionerRole", [new("practitioner", id), new("active", "true")], AccessFilter.Everything, ct).ConfigureAwait(false)
            : await store.AllAsync("PractitionerRole", [new("_id", id), new("active", "true")], AccessFilter.Everything, ct).ConfigureAwait(false);
        var organizations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles.OfType<PractitionerRole>())
        {
            careTeamMembers.Add($"PractitionerRole/{role.Id}");
            if (role.Organization?.Reference?.Split('/') is ["Organization", var org])
            {
                organizations.Add(org);
            }
        }

        var level = organizations.ToList();
        for (var depth = 0; depth < NetworkDepth && level.Count > 0; depth++)
        {
            var below = await store.AllAsync("Organization", "partof", string.Join(',', level), AccessFilter.Everything, ct).ConfigureAwait(false);
            level = below.Select(o => o.Id).OfType<string>().Where(organizations.Add).ToList();
        }

        return new ServedMembers([.. organizations.Order(StringComparer.Ordinal)], careTeamMembers.Distinct(StringComparer.Ordinal).ToList());
    }
}
