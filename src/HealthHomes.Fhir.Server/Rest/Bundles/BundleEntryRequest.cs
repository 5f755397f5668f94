using System.Text;
using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Server.Security;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>One entry of a batch or transaction as an interaction: its place in the Bundle, its fullUrl and the request it makes.</summary>
public sealed record BundleEntryRequest(int Index, string? FullUrl, FhirRequest Request)
{
    /// <summary>The entry as a FHIRPath location, e.g. "Bundle.entry[3]".</summary>
    public string Location => BundleEntryRequests.Location(Index);

    public string Describe => $"{Location} ({Request.Method} {Request.ResourceType}{(Request.Id is null ? "" : "/" + Request.Id)})";
}

/// <summary>
/// Turns entry.request (method, url, ifMatch, ifNoneMatch, ifModifiedSince, ifNoneExist) and entry.resource into a
/// <see cref="FhirRequest"/> that runs through the same interaction handlers as an HTTP request.
/// </summary>
public static class BundleEntryRequests
{
    public static string Location(int index) => $"Bundle.entry[{index}]";

    public static BundleEntryRequest Parse(Bundle.EntryComponent entry, int index, FhirRequest bundleRequest)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(bundleRequest);
        var at = Location(index);
        if (entry.Annotation<EntryParseFailure>() is { } failure)
        {
            throw new FhirRequestException(System.Net.HttpStatusCode.BadRequest, failure.Issues);
        }

        var request = entry.Request!;
        var method = request.Method!.Value.ToString().ToUpperInvariant();
        var (type, id, versionId, query) = ParseUrl(request.Url!, bundleRequest.BaseUrl, $"{at}.request.url");
        var fhirRequest = new FhirRequest
        {
            Method = method,
            ResourceType = type,
            Id = id,
            VersionId = versionId,
            Query = query,
            Body = method is "POST" or "PUT" ? entry.Resource : null,
            PatchDocument = method == "PATCH" ? PatchDocument(entry.Resource, at) : null,
            IfMatch = request.IfMatch,
            IfNoneMatch = request.IfNoneMatch,
            IfModifiedSince = request.IfModifiedSince,
            IfNoneExist = request.IfNoneExist,
            PreferReturn = bundleRequest.PreferReturn,
            StrictHandling = bundleRequest.StrictHandling,
            Caller = bundleRequest.Caller,
            BaseUrl = bundleRequest.BaseUrl,
        };
        bundleRequest.Caller.Ensure(RouteAccessDeclarations.InteractionOf(fhirRequest), type);
        return new BundleEntryRequest(index, string.IsNullOrEmpty(entry.FullUrl) ? null : entry.FullUrl, fhirRequest);
    }

    /// <summary>
    /// "Patient", "Patient?identifier=a|b", "Patient/1", "Patient/1/_history/2", relative or under this server's base.
    /// </summary>
    private static (string Type, string? Id, string? VersionId, IReadOnlyList<KeyValuePair<string, string>> Query) ParseUrl(string url, string baseUrl, string at)
    {
        var relative = url.StartsWith(baseUrl + "/", StringComparison.OrdinalIgnoreCase) ? url[(baseUrl.Length + 1)..] : url;
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            throw FhirRequestException.BadRequest($"'{url}' is not on this server ({baseUrl}); entry urls are relative to the base.", at);
        }

        relative = relative.TrimStart('/');
        var queryStart = relative.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? relative : relative[..queryStart];
        var query = queryStart < 0 ? [] : ConditionalMatch.ParseCriteria(relative[queryStart..]);
        var segments = path.Split('/');
        return segments switch
        {
            [var type] when type.Length > 0 => (type, null, null, query),
            [var type, var id] when !id.StartsWith('_') && !id.StartsWith('$') => (type, id, null, query),
            [var type, var id, "_history", var version] => (type, id, version, query),
            _ => throw FhirRequestException.BadRequest(
                $"'{url}' is not an entry url this server runs: use [type], [type]?criteria, [type]/[id] or [type]/[id]/_history/[vid].", at),
        };
    }

    /// <summary>A PATCH entry carries its JSON Patch document as a Binary (https://hl7.org/fhir/R4/http.html#patch).</summary>
    private static string PatchDocument(Resource? resource, string at) => resource switch
    {
        Binary { ContentType: JsonPatch.MediaType, Data: { } data } => Encoding.UTF8.GetString(data),
        Binary binary => throw FhirRequestException.BadRequest(
            $"A PATCH entry's Binary must have contentType {JsonPatch.MediaType} and data; it has '{binary.ContentType}'.", $"{at}.resource"),
        Parameters => throw new FhirRequestException(System.Net.HttpStatusCode.BadRequest, OperationOutcome.IssueType.NotSupported,
            $"FHIRPath Patch (Parameters) is not supported; send JSON Patch as a Binary with contentType {JsonPatch.MediaType}.", $"{at}.resource"),
        _ => throw FhirRequestException.BadRequest($"A PATCH entry needs a Binary resource holding a JSON Patch document.", $"{at}.resource"),
    };
}
