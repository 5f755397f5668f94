using System.Net;
using System.Text;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Tests.Bundles;

/// <summary>Builds batch/transaction entries and posts Bundles to the base URL.</summary>
internal static class BundleEntries
{
    public static string NewUrn() => "urn:uuid:" + Guid.NewGuid();

    public static Bundle.EntryComponent Post(Resource resource, string? fullUrl = null, string? ifNoneExist = null) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName, IfNoneExist = ifNoneExist },
    };

    public static Bundle.EntryComponent Put(Resource resource, string url, string? ifMatch = null) => new()
    {
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = url, IfMatch = ifMatch },
    };

    public static Bundle.EntryComponent Delete(string url) => new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.DELETE, Url = url } };

    public static Bundle.EntryComponent Get(string url) => new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = url } };

    public static Bundle.EntryComponent Patch(string url, string jsonPatch) => new()
    {
        Resource = new Binary { ContentType = "application/json-patch+json", Data = Encoding.UTF8.GetBytes(jsonPatch) },
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PATCH, Url = url },
    };

    public static Bundle Transaction(params Bundle.EntryComponent[] entries) => new() { Type = Bundle.BundleType.Transaction, Entry = [.. entries] };

    public static Bundle Batch(params Bundle.EntryComponent[] entries) => new() { Type = Bundle.BundleType.Batch, Entry = [.. entries] };

    public static Task<HttpResponseMessage> PostBundleAsync(this HttpClient client, Bundle bundle, params (string Name, string Value)[] headers)
        => client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(bundle), headers);

    /// <summary>The "Type/id" a response entry's location names (without _history).</summary>
    public static string LocationOf(Bundle.EntryComponent entry)
    {
        var location = new Uri(entry.Response!.Location!, UriKind.RelativeOrAbsolute);
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(parts, "_history");
        var end = history < 0 ? parts.Length : history;
        return $"{parts[end - 2]}/{parts[end - 1]}";
    }

    public static async Task<T> ReadAsync<T>(this HttpClient client, string reference)
        where T : Resource
    {
        using var response = await client.SendAsync(HttpMethod.Get, reference);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<T>();
    }
}
