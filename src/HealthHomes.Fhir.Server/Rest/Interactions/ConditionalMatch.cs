using System.Net;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// Finds the resources a conditional create/update/delete names (https://hl7.org/fhir/R4/http.html#ccreate): the
/// criteria are an ordinary search, run inside the write session so nothing can slip in between check and write.
/// </summary>
public static class ConditionalMatch
{
    /// <summary>
    /// The search result parameters (https://hl7.org/fhir/R4/search.html#Summary): they shape or page a result and
    /// select nothing, so criteria made only of them would match every resource of the type.
    /// </summary>
    private static readonly HashSet<string> ResultParameters = new(StringComparer.Ordinal)
    {
        "_sort", "_count", "_include", "_revinclude", "_summary", "_total", "_elements", "_contained", "_containedType",
        "_format", "_pretty", "_cursor",
    };

    /// <summary>
    /// At most two matches: enough to tell none, one and several apart. Criteria with no search parameter (empty, or
    /// only result parameters such as _count or _sort) are 400: they would select every resource of the type.
    /// </summary>
    public static async Task<IReadOnlyList<StoredResource>> FindAsync(IResourceReader reader, string resourceType, IReadOnlyList<KeyValuePair<string, string>> criteria, AccessFilter access, CancellationToken ct)
    {
        var applied = criteria.Where(c => !IsResultParameter(c.Key)).ToList();
        if (applied.Count == 0)
        {
            var ignored = criteria.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList();
            throw FhirRequestException.BadRequest(ignored.Count == 0
                ? "A conditional interaction needs search criteria."
                : $"A conditional interaction needs search criteria: {string.Join(", ", ignored)} only shape or page a result and select nothing.",
                ignored.FirstOrDefault());
        }

        applied.Add(new("_count", "2"));
        var result = await reader.SearchAsync(new SearchRequest(resourceType, applied, StrictHandling: true), access, ct).ConfigureAwait(false);
        return result.Matches;
    }

    /// <summary>Parses an If-None-Exist header value or a conditional URL's query ("identifier=a|b&amp;_tag=x").</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseCriteria(string query)
    {
        var q = query.StartsWith('?') ? query : "?" + query;
        var parsed = QueryHelpers.ParseQuery(q);
        return parsed.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
    }

    public static FhirRequestException SeveralMatches(string resourceType)
        => new(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
            $"The conditional criteria match more than one {resourceType}; make them more selective.");

    /// <summary>"_include:iterate" and "_sort:..." are result parameters too: the name before any modifier decides.</summary>
    private static bool IsResultParameter(string name) => ResultParameters.Contains(name.Split(':', 2)[0]);
}
