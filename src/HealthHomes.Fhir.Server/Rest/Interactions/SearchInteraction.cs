using System.Globalization;
using HealthHomes.Fhir.Server.Rest.Bundles;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// search-type and search-system (https://hl7.org/fhir/R4/http.html#search): a searchset Bundle of the matches
/// and _include/_revinclude results. The self link lists only the parameters applied, so parameters ignored under
/// lenient handling are visible by their absence (and named in an OperationOutcome entry); next and previous carry
/// the store's page cursor. Stored JSON is passed through untouched (see <see cref="StoredBundleJsonWriter"/>).
/// </summary>
public sealed class SearchInteraction(IOptions<FhirServerOptions> options)
{
    /// <summary>Parameters the response writer applies; they are carried into every link.</summary>
    private static readonly HashSet<string> Presentation = ["_summary", "_elements"];

    public async Task<FhirResponse> SearchAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        if (request.ResourceType is { } type)
        {
            FhirIds.EnsureKnownType(type);
        }

        var parameters = WithPageSize(request.Query);
        var result = await reader.SearchAsync(new SearchRequest(request.ResourceType, parameters, request.StrictHandling), request.Access, ct).ConfigureAwait(false);

        var presentation = request.Query.Where(p => Presentation.Contains(p.Key)).ToList();
        var links = new List<KeyValuePair<string, string>> { new("self", Link(request, result.SelfParameters, presentation)) };
        if (result.NextParameters is { } next)
        {
            links.Add(new("next", Link(request, next, presentation)));
        }

        if (result.PreviousParameters is { } previous)
        {
            links.Add(new("previous", Link(request, previous, presentation)));
        }

        var entries = new List<StoredBundleEntry>(result.Matches.Count + result.Included.Count + 1);
        entries.AddRange(result.Matches.Select(m => Entry(request.BaseUrl, m, Bundle.SearchEntryMode.Match)));
        entries.AddRange(result.Included.Select(i => Entry(request.BaseUrl, i, Bundle.SearchEntryMode.Include)));
        if (result.IgnoredParameters.Count > 0)
        {
            entries.Add(IgnoredOutcome(result.IgnoredParameters));
        }

        return FhirResponse.Of(new StoredBundle(Bundle.BundleType.Searchset, entries) { Total = result.Total, Links = links });
    }

    /// <summary>The server's default page size when _count is absent, and its maximum when _count asks for more.</summary>
    private List<KeyValuePair<string, string>> WithPageSize(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var max = options.Value.MaxPageSize;
        var parameters = query
            .Select(p => p.Key == "_count" && int.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > max
                ? new KeyValuePair<string, string>("_count", max.ToString(CultureInfo.InvariantCulture)) : p)
            .ToList();
        if (!parameters.Any(p => p.Key == "_count") && !parameters.Any(p => p.Key == "_cursor"))
        {
            parameters.Add(new("_count", options.Value.DefaultPageSize.ToString(CultureInfo.InvariantCulture)));
        }

        return parameters;
    }

    private static string Link(FhirRequest request, IEnumerable<KeyValuePair<string, string>> parameters, IEnumerable<KeyValuePair<string, string>> presentation)
        => BundleLinks.Url(request.BaseUrl, request.ResourceType, parameters.Concat(presentation));

    private static StoredBundleEntry Entry(string baseUrl, StoredResource stored, Bundle.SearchEntryMode mode)
        => new(BundleLinks.FullUrl(baseUrl, stored.ResourceType, stored.Id), stored) { Mode = mode };

    private static StoredBundleEntry IgnoredOutcome(IReadOnlyList<string> ignored)
    {
        var outcome = new OperationOutcome
        {
            Id = Guid.NewGuid().ToString(),
            Issue = ignored.Select(name => FhirRequestException.Issue(OperationOutcome.IssueType.NotSupported,
                $"The search parameter '{name}' is not supported and was ignored.", name, OperationOutcome.IssueSeverity.Warning)).ToList(),
        };
        return new StoredBundleEntry($"urn:uuid:{outcome.Id}", null) { Resource = outcome, Mode = Bundle.SearchEntryMode.Outcome };
    }
}
