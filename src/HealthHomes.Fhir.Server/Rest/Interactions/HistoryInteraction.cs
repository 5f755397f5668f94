using System.Globalization;
using HealthHomes.Fhir.Server.Rest.Bundles;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// history at instance, type and system level (https://hl7.org/fhir/R4/http.html#history): a history Bundle,
/// newest first, paged by a keyset cursor on the version sequence (_page_before), so versions written after the
/// first page never shift the later ones. _since and _at take a FHIR date at any precision.
/// </summary>
public sealed class HistoryInteraction(IOptions<FhirServerOptions> options)
{
    /// <summary>The paging cursor parameter carried by next links.</summary>
    public const string CursorParameter = "_page_before";

    private static readonly HashSet<string> Presentation = ["_format", "_pretty", "_summary", "_elements"];

    public async Task<FhirResponse> HistoryAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        if (request.ResourceType is { } type)
        {
            FhirIds.EnsureKnownType(type);
        }

        if (request.Id is { } id)
        {
            FhirIds.EnsureValidId(id);
        }

        var applied = new List<KeyValuePair<string, string>>();
        DateTimeOffset? since = null;
        (DateTimeOffset Start, DateTimeOffset End)? at = null;
        int? count = null;
        long? before = null;
        foreach (var (name, value) in request.Query)
        {
            switch (name)
            {
                case "_since":
                    since = FhirDateParameter.Parse(name, value).Start;
                    break;
                case "_at":
                    // The versions current at some point during the period the value covers.
                    at = FhirDateParameter.Parse(name, value);
                    break;
                case "_count":
                    count = ParseCount(value);
                    break;
                case CursorParameter:
                    before = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && key > 0
                        ? key : throw FhirRequestException.BadRequest($"'{value}' is not a history page cursor.", CursorParameter);
                    continue; // not echoed in self: it is re-added for the page it names
                default:
                    if (!Presentation.Contains(name) && request.StrictHandling)
                    {
                        throw FhirRequestException.BadRequest($"'{name}' is not a history parameter: use _since, _at or _count.", name);
                    }

                    continue;
            }

            applied.Add(new(name, value));
        }

        var size = Math.Min(count ?? options.Value.DefaultPageSize, options.Value.MaxPageSize);
        var page = await reader.HistoryAsync(new HistoryRequest(request.ResourceType, request.Id, since, at?.Start, size, before) { AtEnd = at?.End }, request.Access, ct).ConfigureAwait(false);

        var path = request.Id is not null ? $"{request.ResourceType}/{request.Id}/_history"
            : request.ResourceType is not null ? $"{request.ResourceType}/_history" : "_history";
        var presentation = request.Query.Where(p => Presentation.Contains(p.Key) && p.Key != "_format").ToList();
        var links = new List<KeyValuePair<string, string>>
        {
            new("self", BundleLinks.Url(request.BaseUrl, path, [.. applied, .. presentation, .. Cursor(before)])),
        };
        if (page.NextBefore is { } next && size > 0)
        {
            links.Add(new("next", BundleLinks.Url(request.BaseUrl, path, [.. applied, .. presentation, .. Cursor(next)])));
        }

        var entries = size == 0 ? [] : page.Versions.Select(v => Entry(request.BaseUrl, v)).ToList();
        return FhirResponse.Of(new StoredBundle(Bundle.BundleType.History, entries) { Total = page.Total, Links = links });
    }

    private static KeyValuePair<string, string>[] Cursor(long? before)
        => before is { } b ? [new(CursorParameter, b.ToString(CultureInfo.InvariantCulture))] : [];

    private static int ParseCount(string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw FhirRequestException.BadRequest($"'_count' must be a non-negative integer, not '{value}'.", "_count");

    private static StoredBundleEntry Entry(string baseUrl, StoredResource version)
    {
        var instance = $"{version.ResourceType}/{version.Id}";
        var (method, url, status) = version.Change switch
        {
            ResourceChange.Create => (Bundle.HTTPVerb.POST, version.ResourceType, "201 Created"),
            ResourceChange.Delete => (Bundle.HTTPVerb.DELETE, instance, "204 No Content"),
            _ => (Bundle.HTTPVerb.PUT, instance, "200 OK"),
        };
        return new StoredBundleEntry(BundleLinks.FullUrl(baseUrl, version.ResourceType, version.Id), version.IsDeleted ? null : version)
        {
            Request = new StoredBundleRequest(method, url),
            Response = new StoredBundleResponse(status, ETags.For(version.VersionId), version.LastUpdated),
        };
    }
}
