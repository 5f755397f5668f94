namespace HealthHomes.Fhir.Server.Security.Launch;

/// <summary>
/// What a SMART app launched by a signed-in user is granted: the requested patient/ scopes (and user/ scopes, for staff)
/// cut down to the client's registration, and the launch scopes (openid, fhirUser, launch/patient, offline_access...)
/// the registration names (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html).
/// </summary>
public static class LaunchScopes
{
    public const string LaunchPatient = "launch/patient";
    public const string Launch = "launch";
    public const string OpenId = "openid";
    public const string FhirUser = "fhirUser";

    private static readonly string[] Names = [OpenId, FhirUser, "profile", Launch, LaunchPatient, "offline_access", "online_access"];

    /// <param name="memberUser">The signed-in user is a member (fhirUser Patient/x): patient/ scopes only, about themself.</param>
    public static IReadOnlyList<string> Grant(IEnumerable<string> requested, string allowed, bool memberUser)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var asked = requested.ToList();
        var registration = GrantedScopes.Parse(allowed);
        var granted = new List<string>(Authorization.ScopePolicy.Grant(asked, allowed, ScopeContext.Patient));
        if (!memberUser)
        {
            granted.AddRange(Authorization.ScopePolicy.Grant(asked, allowed, ScopeContext.User));
        }

        granted.AddRange(asked.Where(s => Names.Contains(s, StringComparer.Ordinal) && registration.Has(s)));
        return granted.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether the grant needs a patient in context (launch/patient, or any patient/ scope).</summary>
    public static bool NeedsPatient(IReadOnlyList<string> granted)
        => granted.Any(s => s == LaunchPatient || s.StartsWith("patient/", StringComparison.Ordinal));
}
