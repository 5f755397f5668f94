using System.Collections.Frozen;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The scopes of an access token (its space-separated <c>scope</c> claim, https://www.rfc-editor.org/rfc/rfc6749#section-3.3),
/// read with the SMART App Launch 2.x grammar and SMART v1's for backward compatibility
/// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html). Duplicates and order make no difference.
/// </summary>
public sealed class GrantedScopes
{
    private GrantedScopes(List<ResourceScope> resourceScopes, List<string> otherScopes, List<string> malformed)
    {
        ResourceScopes = resourceScopes;
        OtherScopes = otherScopes;
        Malformed = malformed;
        NarrowestContext = resourceScopes.Count == 0 ? null : resourceScopes.Min(s => s.Context);
        var readers = resourceScopes.Where(s => (s.Permissions & (ResourcePermissions.Read | ResourcePermissions.Search)) != 0).ToList();
        ReadableTypes = readers.Exists(s => s.ResourceType == ResourceScope.AnyType)
            ? null
            : readers.Select(s => s.ResourceType).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The resource scopes (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources), ordered by text.</summary>
    public IReadOnlyList<ResourceScope> ResourceScopes { get; }

    /// <summary>
    /// The other scopes, ordered: <c>openid</c>, <c>fhirUser</c>, <c>profile</c>, <c>launch</c>, <c>launch/patient</c>,
    /// <c>launch/encounter</c>, <c>offline_access</c>, <c>online_access</c>
    /// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-context-data) and any unknown scope.
    /// </summary>
    public IReadOnlyList<string> OtherScopes { get; }

    /// <summary>
    /// The tokens that look like resource scopes but break the grammar (<c>patient/Task.sr</c>, <c>patient/Task.x</c>,
    /// <c>foo/Task.read</c>, <c>patient/Wombat.rs</c>, <c>patient/Task.read?status=ready</c>), ordered; they grant nothing.
    /// </summary>
    public IReadOnlyList<string> Malformed { get; }

    /// <summary>The narrowest context among <see cref="ResourceScopes"/>; null when there are none.</summary>
    public ScopeContext? NarrowestContext { get; }

    /// <summary>
    /// The types some scope grants read or search on, in any context and with or without a restriction; null when a
    /// <c>*</c> scope grants read or search (every type is readable).
    /// </summary>
    public IReadOnlySet<string>? ReadableTypes { get; }

    /// <summary>Reads a space-separated scope string, as in a token's <c>scope</c> claim; null or blank grants nothing.</summary>
    public static GrantedScopes Parse(string? scope)
    {
        var tokens = (scope ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var resourceScopes = new List<ResourceScope>();
        var otherScopes = new List<string>();
        var malformed = new List<string>();
        foreach (var token in tokens)
        {
            if (ResourceScopeGrammar.TryParse(token, out var resourceScope))
            {
                resourceScopes.Add(resourceScope);
            }
            else
            {
                (ResourceScopeGrammar.LooksLikeResourceScope(token) ? malformed : otherScopes).Add(token);
            }
        }

        return new GrantedScopes(resourceScopes, otherScopes, malformed);
    }

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="OtherScopes"/>, exactly (e.g. <c>launch/patient</c>, <c>offline_access</c>).</summary>
    public bool Has(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return OtherScopes.Contains(scope, StringComparer.Ordinal);
    }

    /// <summary>
    /// What the scopes allow on <paramref name="resourceType"/> for the <paramref name="needed"/> permissions (see
    /// <see cref="InteractionPermissions.Needed"/>). Each needed bit may come from a different scope; a scope for <c>*</c>
    /// counts for every type. See <see cref="ScopeGrant"/> for the context and restrictions of an allowed grant.
    /// </summary>
    public ScopeGrant Grant(string resourceType, ResourcePermissions needed)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        if (needed == ResourcePermissions.None || (needed & ~ResourcePermissions.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(needed), needed, "Ask for one or more of the cruds permissions.");
        }

        var granting = ResourceScopes.Where(s => s.AppliesTo(resourceType) && (s.Permissions & needed) != 0).ToList();
        var restricted = new List<IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>>();
        for (var bit = ResourcePermissions.Create; bit <= ResourcePermissions.Search; bit = (ResourcePermissions)((int)bit << 1))
        {
            if ((needed & bit) == 0)
            {
                continue;
            }

            var grantingBit = granting.FindAll(s => (s.Permissions & bit) != 0);
            if (grantingBit.Count == 0)
            {
                return ScopeGrant.Denied;
            }

            if (grantingBit.TrueForAll(s => s.IsRestricted))
            {
                restricted.Add(grantingBit.ConvertAll(s => s.Restriction));
            }
        }

        return new ScopeGrant(true, granting.Min(s => s.Context), restricted.Count == 0 ? [] : RestrictionSets.And(restricted));
    }

    /// <summary>The normalized scope string: the resource and other scopes, each once, ordered; malformed scopes are left out.</summary>
    public override string ToString() =>
        string.Join(' ', ResourceScopes.Select(s => s.Text).Concat(OtherScopes).Order(StringComparer.Ordinal));
}
