namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// One parsed SMART resource scope, e.g. <c>patient/Observation.rs?category=laboratory</c>
/// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources).
/// </summary>
/// <param name="Context">The prefix before the slash.</param>
/// <param name="ResourceType">A FHIR R4 resource type name, or <c>*</c> for every type.</param>
/// <param name="Permissions">The permissions granted: SMART v1 <c>read</c>/<c>write</c>/<c>*</c> mapped to their v2 letters.</param>
/// <param name="Restriction">
/// The granular restriction after <c>?</c> as URL-decoded search parameters, all of which a resource must match
/// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters);
/// empty when the scope is unrestricted.
/// </param>
/// <param name="Text">The scope as written in the token.</param>
public sealed record ResourceScope(
    ScopeContext Context,
    string ResourceType,
    ResourcePermissions Permissions,
    IReadOnlyList<KeyValuePair<string, string>> Restriction,
    string Text)
{
    /// <summary>The wildcard resource type of <c>patient/*.rs</c> and the like.</summary>
    internal const string AnyType = "*";

    internal bool IsRestricted => Restriction.Count > 0;

    internal bool AppliesTo(string resourceType) =>
        string.Equals(ResourceType, AnyType, StringComparison.Ordinal) || string.Equals(ResourceType, resourceType, StringComparison.Ordinal);
}
