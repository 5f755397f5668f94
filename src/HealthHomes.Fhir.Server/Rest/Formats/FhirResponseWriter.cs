using System.Globalization;
using HealthHomes.Fhir.Server.Rest.Bundles;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Net.Http.Headers;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// Writes a <see cref="FhirResponse"/>: status, ETag, Last-Modified, Location and the body in the negotiated format,
/// honouring _pretty, _summary and _elements. A stored resource is sent as stored when nothing asks to reshape it.
/// </summary>
public static class FhirResponseWriter
{
    /// <param name="query">The parameters _summary, _elements are taken from: the interaction's (query plus a POSTed search form); null: the URL's; empty: no shaping (errors).</param>
    public static async Task WriteAsync(HttpContext context, FhirResponse response, FhirFormat format, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(response);
        var http = context.Response;
        http.StatusCode = (int)response.Status;
        if (response.Stored is { } stored)
        {
            http.Headers.ETag = response.ETag;
            http.Headers.LastModified = stored.LastUpdated.ToString("R", CultureInfo.InvariantCulture);
        }

        if (response.Location is { } location)
        {
            http.Headers.Location = location;
        }

        if (response.Status == System.Net.HttpStatusCode.NotModified)
        {
            return;
        }

        query ??= context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")));
        var pretty = string.Equals(context.Request.Query["_pretty"].LastOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        var shape = ResponseShape.From(query);
        if (response.StoredBundle is { } page && shape?.CountOnly == true)
        {
            page = page.WithoutEntries();
            shape = null;
            response = response with { StoredBundle = page };
        }

        if (response.StoredBundle is { } fast && format == FhirFormat.Json && !pretty && shape is null)
        {
            // The hot path of search and history: stored JSON copied in raw.
            http.ContentType = format.MediaType() + "; charset=utf-8";
            StoredBundleJsonWriter.Write(http.BodyWriter, fast);
            await http.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var body = Body(response, format, pretty, shape);
        if (body is null)
        {
            return;
        }

        http.ContentType = format.MediaType() + "; charset=utf-8";
        await http.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? Body(FhirResponse response, FhirFormat format, bool pretty, ResponseShape? shape)
    {
        Resource? resource = response.Resource ?? response.StoredBundle?.ToBundle();
        if (resource is null)
        {
            if (response.Stored?.Json is not { } json)
            {
                return null;
            }

            if (format == FhirFormat.Json && !pretty && shape is null)
            {
                return json; // as stored: no parse, no re-serialisation
            }

            resource = FhirSerialization.ParseJson(json);
        }

        shape?.MarkSubsetted(resource);
        var filter = shape?.Filter;
        return format == FhirFormat.Xml ? FhirSerialization.ToXml(resource, pretty, filter) : FhirSerialization.ToJson(resource, pretty, filter);
    }
}
