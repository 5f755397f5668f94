namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The SMART permissions (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources)
/// each FHIR interaction (https://hl7.org/fhir/R4/http.html) needs on its resource type.
/// </summary>
public static class InteractionPermissions
{
    /// <summary>
    /// The permissions <paramref name="interaction"/> needs: read, vread and instance history need <c>r</c>; type and system
    /// history and search need <c>s</c>; create <c>c</c>; update and patch <c>u</c>; delete <c>d</c>. A conditional
    /// interaction also needs <c>s</c>, since it searches to find its target (https://hl7.org/fhir/R4/http.html#cond-update).
    /// An update that creates a resource with a client-chosen id (update as create) needs <c>u</c> only.
    /// </summary>
    public static ResourcePermissions Needed(FhirInteraction interaction) => interaction switch
    {
        FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.HistoryInstance => ResourcePermissions.Read,
        FhirInteraction.HistoryType or FhirInteraction.HistorySystem or FhirInteraction.SearchType or FhirInteraction.SearchSystem => ResourcePermissions.Search,
        FhirInteraction.Create => ResourcePermissions.Create,
        FhirInteraction.ConditionalCreate => ResourcePermissions.Create | ResourcePermissions.Search,
        FhirInteraction.Update or FhirInteraction.Patch => ResourcePermissions.Update,
        FhirInteraction.ConditionalUpdate or FhirInteraction.ConditionalPatch => ResourcePermissions.Update | ResourcePermissions.Search,
        FhirInteraction.Delete => ResourcePermissions.Delete,
        FhirInteraction.ConditionalDelete => ResourcePermissions.Delete | ResourcePermissions.Search,
        _ => throw new ArgumentOutOfRangeException(nameof(interaction), interaction, "Not a FHIR interaction."),
    };
}
