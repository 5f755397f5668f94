namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// Combines the restrictions of granular scopes
/// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters).
/// A restriction set is a list of search parameters a resource must all match; an OR-list of sets is matched by a
/// resource that matches one of them.
/// </summary>
internal static class RestrictionSets
{
    /// <summary>
    /// The AND of several OR-lists, itself as one OR-list: each combination of one set from every list, its parameters
    /// joined. Duplicates, and sets that hold all of another set's parameters (they match fewer resources), are dropped.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> And(
        IEnumerable<IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>> orLists)
    {
        List<List<KeyValuePair<string, string>>> result = [[]];
        foreach (var orList in orLists)
        {
            var combined = new List<List<KeyValuePair<string, string>>>(result.Count * orList.Count);
            foreach (var left in result)
            {
                foreach (var right in orList)
                {
                    var joined = new List<KeyValuePair<string, string>>(left);
                    joined.AddRange(right.Where(parameter => !Holds(joined, parameter)));
                    combined.Add(joined);
                }
            }

            result = WithoutSubsumed(combined);
        }

        return result;
    }

    /// <summary>Keeps, in order, each set that no other set is a subset of (the first of equal sets is kept).</summary>
    private static List<List<KeyValuePair<string, string>>> WithoutSubsumed(List<List<KeyValuePair<string, string>>> sets)
    {
        var kept = new List<List<KeyValuePair<string, string>>>(sets.Count);
        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            var subsumed = false;
            for (var j = 0; j < sets.Count && !subsumed; j++)
            {
                var other = sets[j];
                subsumed = j != i && IsSubset(other, set) && (other.Count < set.Count || !IsSubset(set, other) || j < i);
            }

            if (!subsumed)
            {
                kept.Add(set);
            }
        }

        return kept;
    }

    private static bool IsSubset(List<KeyValuePair<string, string>> subset, List<KeyValuePair<string, string>> set) =>
        subset.TrueForAll(parameter => Holds(set, parameter));

    private static bool Holds(List<KeyValuePair<string, string>> set, KeyValuePair<string, string> parameter) =>
        set.Exists(p => string.Equals(p.Key, parameter.Key, StringComparison.Ordinal) && string.Equals(p.Value, parameter.Value, StringComparison.Ordinal));
}
