namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The context prefix of a SMART resource scope: <c>patient/</c>, <c>user/</c> or <c>system/</c>
/// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources).
/// The members are ordered narrowest first, so a smaller value is a narrower context.
/// </summary>
public enum ScopeContext
{
    /// <summary><c>patient/</c>: only data about the patient in the launch context.</summary>
    Patient,

    /// <summary><c>user/</c>: the data the signed-in user may see.</summary>
    User,

    /// <summary><c>system/</c>: backend services, no user or patient (https://hl7.org/fhir/smart-app-launch/backend-services.html).</summary>
    System,
}
