using System.Net;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// Who is calling and what their token allows: <see cref="Ensure"/> refuses an interaction the scopes do not grant
/// (403), and <see cref="Access"/> is the confinement every storage query applies (the launch patient's record for
/// patient/ scopes, the members an organization serves for user/ scopes and confined system clients).
/// </summary>
public sealed class FhirCaller
{
    private readonly GrantedScopes? _scopes;

    private FhirCaller(string? clientId, GrantedScopes? scopes, AccessFilter access)
    {
        ClientId = clientId;
        _scopes = scopes;
        Access = access;
    }

    /// <summary>Security:Enabled=false: every interaction is allowed and all data is visible.</summary>
    public static FhirCaller SecurityOff { get; } = new(null, null, AccessFilter.Everything);

    /// <summary>
    /// No token, on a route open to anyone (the CapabilityStatement, the SMART configuration): no interaction is
    /// allowed and no resource is visible.
    /// </summary>
    public static FhirCaller Anonymous { get; } = new(null, GrantedScopes.Parse(""), new AccessFilter { ResourceTypes = new HashSet<string>() });

    /// <summary>The client the token was issued to; null with security off.</summary>
    public string? ClientId { get; }

    /// <summary>The confinement applied inside every storage query made for this caller.</summary>
    public AccessFilter Access { get; }

    /// <summary>The granted scopes, normalized; empty with security off.</summary>
    public string Scopes => _scopes?.ToString() ?? "";

    /// <summary>A caller with these granted scopes and launch context.</summary>
    /// <param name="patient">The launch patient (the token's `patient`), which patient/ scopes confine to.</param>
    /// <param name="members">Which members' data user/ or confined system/ scopes see (null: every member's).</param>
    public static FhirCaller WithScopes(string clientId, GrantedScopes scopes, string? patient, MemberConfinement? members)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var confinement = scopes.NarrowestContext switch
        {
            ScopeContext.Patient => new OneMember(patient ?? ""),
            ScopeContext.User => members ?? new ServedMembers([], []),
            _ => members,
        };
        var access = new AccessFilter
        {
            ResourceTypes = TypesWithAnyPermission(scopes),
            Members = confinement,
            TypeRestrictions = Restrictions(scopes),
        };
        return new FhirCaller(clientId, scopes, access);
    }

    /// <summary>Refuses (403) an interaction on a resource type (null: system level) that the granted scopes do not allow.</summary>
    public void Ensure(FhirInteraction interaction, string? resourceType)
    {
        if (_scopes is null)
        {
            return;
        }

        var needed = InteractionPermissions.Needed(interaction);
        if (resourceType is null)
        {
            // System level (search, history): allowed when some scope grants it on some type; the access filter's
            // resource types keep the rest out of the answer.
            if (!_scopes.ResourceScopes.Any(s => (s.Permissions & needed) == needed))
            {
                throw Forbidden($"{interaction} at system level needs a scope granting '{Letters(needed)}' on some resource type; the token grants '{Scopes}'.");
            }

            return;
        }

        var grant = _scopes.Grant(resourceType, needed);
        if (!grant.Allowed)
        {
            throw Forbidden($"{interaction} on {resourceType} needs a scope granting '{Letters(needed)}' on {resourceType} (e.g. system/{resourceType}.{Letters(needed)}); the token grants '{Scopes}'.");
        }

        if (grant.Restrictions.Count > 0 && (needed & (ResourcePermissions.Create | ResourcePermissions.Update | ResourcePermissions.Delete)) != 0)
        {
            throw Forbidden($"{interaction} on {resourceType} is granted only by scopes with a ?restriction; restricted scopes grant reads and searches only on this server.");
        }
    }

    /// <summary>Refuses (403) an operation unless the scopes grant each of its needs (resource type, permissions).</summary>
    public void EnsureAll(string operation, IEnumerable<(string ResourceType, ResourcePermissions Needed)> needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        if (_scopes is null)
        {
            return;
        }

        var missing = needs.Where(n => !_scopes.Grant(n.ResourceType, n.Needed).Allowed).Select(n => $"{n.ResourceType}.{Letters(n.Needed)}").ToList();
        if (missing.Count > 0)
        {
            throw Forbidden($"{operation} needs scopes granting {string.Join(", ", missing)}; the token grants '{Scopes}'.");
        }
    }

    private static FhirRequestException Forbidden(string message)
        => new(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, message);

    /// <summary>The SMART v2 letters of a permission set, in cruds order.</summary>
    internal static string Letters(ResourcePermissions permissions)
        => string.Concat(new[] { (ResourcePermissions.Create, 'c'), (ResourcePermissions.Read, 'r'), (ResourcePermissions.Update, 'u'), (ResourcePermissions.Delete, 'd'), (ResourcePermissions.Search, 's') }
            .Where(p => permissions.HasFlag(p.Item1)).Select(p => p.Item2));

    /// <summary>Types some scope grants anything on (null: a "*" scope); write paths read the current version through the same filter.</summary>
    private static HashSet<string>? TypesWithAnyPermission(GrantedScopes scopes)
    {
        var granting = scopes.ResourceScopes.Where(s => s.Permissions != ResourcePermissions.None).ToList();
        return granting.Any(s => s.ResourceType == "*") ? null : granting.Select(s => s.ResourceType).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Types read only through granular scopes (e.g. patient/Observation.rs?category=laboratory): what their resources must match.</summary>
    private static Dictionary<string, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>>? Restrictions(GrantedScopes scopes)
    {
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>>(StringComparer.Ordinal);
        foreach (var type in scopes.ResourceScopes.Where(s => s.Restriction.Count > 0 && s.ResourceType != "*").Select(s => s.ResourceType).Distinct(StringComparer.Ordinal))
        {
            var read = scopes.Grant(type, ResourcePermissions.Read);
            var search = scopes.Grant(type, ResourcePermissions.Search);
            if ((read.Allowed && read.Restrictions.Count == 0) || (search.Allowed && search.Restrictions.Count == 0))
            {
                continue;
            }

            result[type] = [.. read.Restrictions, .. search.Restrictions];
        }

        return result.Count == 0 ? null : result;
    }
}
