namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// What a client is granted of the scopes it asks for: each requested resource scope, cut down to the permissions some
/// allowed scope of the same context gives on its type (SMART lets a server grant fewer scopes than asked:
/// https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html). Restricted scopes are granted only as
/// allowed, never widened; wildcard scopes with a restriction are never granted.
/// </summary>
public static class ScopePolicy
{
    public static IReadOnlyList<string> Grant(IEnumerable<string> requested, string allowed, ScopeContext context)
    {
        var allowedScopes = GrantedScopes.Parse(allowed).ResourceScopes.Where(s => s.Context == context).ToList();
        var granted = new Dictionary<(string Type, string Query), ResourcePermissions>();
        foreach (var asked in GrantedScopes.Parse(string.Join(' ', requested)).ResourceScopes)
        {
            if (asked.Context != context || (asked.ResourceType == "*" && asked.Restriction.Count > 0))
            {
                continue;
            }

            // system/*.rs asked of a client allowed system/Task.cruds is granted system/Task.rs; system/Task.cruds asked
            // of a client allowed system/*.rs is granted system/Task.rs.
            foreach (var allowedScope in allowedScopes.Where(a => (a.ResourceType == "*" || asked.ResourceType == "*" || a.ResourceType == asked.ResourceType) && Covers(a.Restriction, asked.Restriction)))
            {
                var permissions = asked.Permissions & allowedScope.Permissions;
                var restriction = asked.Restriction.Count > 0 ? asked.Restriction : allowedScope.Restriction;
                if (permissions == ResourcePermissions.None || (allowedScope.ResourceType == "*" && asked.ResourceType == "*" && restriction.Count > 0))
                {
                    continue;
                }

                var key = (asked.ResourceType == "*" ? allowedScope.ResourceType : asked.ResourceType, Query(restriction));
                granted[key] = granted.GetValueOrDefault(key) | permissions;
            }
        }

        return granted.Select(g => $"{ScopeText(context)}/{g.Key.Type}.{FhirCaller.Letters(g.Value)}{g.Key.Query}").Order(StringComparer.Ordinal).ToList();
    }

    private static string Query(IReadOnlyList<KeyValuePair<string, string>> restriction)
        => restriction.Count == 0 ? "" : "?" + string.Join('&', restriction.Select(r => $"{Uri.EscapeDataString(r.Key)}={Uri.EscapeDataString(r.Value)}"));

    /// <summary>An allowed scope without restriction covers any request; a restricted one covers the same restriction, or an unrestricted request (granted restricted).</summary>
    private static bool Covers(IReadOnlyList<KeyValuePair<string, string>> allowed, IReadOnlyList<KeyValuePair<string, string>> asked)
        => allowed.Count == 0 || asked.Count == 0 || (allowed.Count == asked.Count && Sorted(allowed).SequenceEqual(Sorted(asked)));

    private static IEnumerable<KeyValuePair<string, string>> Sorted(IEnumerable<KeyValuePair<string, string>> pairs)
        => pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);

    private static string ScopeText(ScopeContext context) => context switch
    {
        ScopeContext.Patient => "patient",
        ScopeContext.User => "user",
        _ => "system",
    };
}
