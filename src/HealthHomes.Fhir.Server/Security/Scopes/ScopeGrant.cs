namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// What the granted scopes allow on one resource type for the permissions an interaction needs
/// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html).
/// </summary>
/// <param name="Allowed">Every needed permission bit is granted by some scope for the type (the exact type or <c>*</c>).</param>
/// <param name="Context">
/// The narrowest context (<see cref="ScopeContext.Patient"/> before <see cref="ScopeContext.User"/> before
/// <see cref="ScopeContext.System"/>) among the scopes that grant a needed bit; null when denied.
/// </param>
/// <param name="Restrictions">
/// Empty when every needed bit is granted by some unrestricted scope. Otherwise the OR-list of restriction sets
/// (granular scopes, https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters):
/// a resource must match every parameter of one of the sets. A restriction on any needed bit restricts the whole
/// interaction. Empty when denied.
/// </param>
public sealed record ScopeGrant(
    bool Allowed,
    ScopeContext? Context,
    IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Restrictions)
{
    internal static ScopeGrant Denied { get; } = new(false, null, []);
}
