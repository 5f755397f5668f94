namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The FHIR R4 RESTful interactions a scope check tells apart (https://hl7.org/fhir/R4/http.html), conditional
/// forms included (https://hl7.org/fhir/R4/http.html#cond-update).
/// </summary>
public enum FhirInteraction
{
    Read,
    VRead,
    HistoryInstance,
    HistoryType,
    HistorySystem,
    SearchType,
    SearchSystem,
    Create,
    ConditionalCreate,
    Update,
    ConditionalUpdate,
    Patch,
    ConditionalPatch,
    Delete,
    ConditionalDelete,
}
