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
    /// <summary>At most two matches: enough to tell none, one and several apart.</summary>
    public static async Task<IReadOnlyList<StoredResource>> FindAsync(IResourceReader reader, string resourceType, IReadOnlyList<KeyValuePair<string, string>> criteria, AccessFilter access, CancellationToken ct)
    {
        var applied = criteria.Where(c => !IsResultParameter(c.Key)).ToList();
        if (applied.Count == 0)
        {
            throw FhirRequestException.BadRequest("A conditional interaction needs search criteria.");
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

    private static bool IsResultParameter(string name) => name is "_format" or "_pretty" or "_summary" or "_elements";
}
