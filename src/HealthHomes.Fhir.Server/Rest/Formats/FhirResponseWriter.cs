using System.Globalization;
using HealthHomes.Fhir.Storage;
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
    public static async Task WriteAsync(HttpContext context, FhirResponse response, FhirFormat format)
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

        var body = Body(context.Request, response, format);
        if (body is null)
        {
            return;
        }

        http.ContentType = format.MediaType() + "; charset=utf-8";
        await http.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? Body(HttpRequest request, FhirResponse response, FhirFormat format)
    {
        if (response.Status == System.Net.HttpStatusCode.NotModified)
        {
            return null;
        }

        var pretty = string.Equals(request.Query["_pretty"].LastOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        var filter = ShapeFilter.From(request, response.Resource?.TypeName ?? response.Stored?.ResourceType);
        Resource? resource = response.Resource;
        if (resource is null)
        {
            if (response.Stored?.Json is not { } json)
            {
                return null;
            }

            if (format == FhirFormat.Json && !pretty && filter is null)
            {
                return json; // as stored: no parse, no re-serialisation
            }

            resource = FhirSerialization.ParseJson(json);
        }

        if (ShapeFilter.IsSubset(request))
        {
            ShapeFilter.MarkSubsetted(resource);
        }

        return format == FhirFormat.Xml ? FhirSerialization.ToXml(resource, pretty, filter) : FhirSerialization.ToJson(resource, pretty, filter);
    }
}

/// <summary>_summary and _elements as a serialization filter (https://hl7.org/fhir/R4/search.html#summary).</summary>
public static class ShapeFilter
{
    public static Func<SerializationFilter>? From(HttpRequest request, string? resourceType)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summary = request.Query["_summary"].LastOrDefault();
        var elements = request.Query["_elements"].LastOrDefault();
        if (!string.IsNullOrEmpty(summary))
        {
            return summary switch
            {
                "true" => SerializationFilter.ForSummary,
                "text" => SerializationFilter.ForText,
                "data" => SerializationFilter.ForData,
                "count" => SerializationFilter.ForCount,
                "false" => null,
                _ => throw FhirRequestException.BadRequest($"_summary '{summary}' is not one of true, false, text, data, count.", "_summary"),
            };
        }

        if (!string.IsNullOrEmpty(elements))
        {
            // The spec: id, meta and the mandatory elements are kept besides the ones asked for.
            var mandatory = resourceType is null ? [] : ModelInfo.ModelInspector.FindClassMapping(resourceType)?.PropertyMappings.Where(p => p.IsMandatoryElement).Select(p => p.Name) ?? [];
            var list = elements.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Concat(["id", "meta"]).Concat(mandatory).Distinct().ToArray();
            return SerializationFilter.ForElementsFactory(list);
        }

        return null;
    }

    /// <summary>_elements (and _summary other than false) return a subset, which the resource must say.</summary>
    public static bool IsSubset(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !string.IsNullOrEmpty(request.Query["_elements"].LastOrDefault()) && string.IsNullOrEmpty(request.Query["_summary"].LastOrDefault());
    }

    public static void MarkSubsetted(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Meta ??= new Meta();
        if (!resource.Meta.Tag.Any(t => t.Code == "SUBSETTED"))
        {
            resource.Meta.Tag.Add(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "SUBSETTED"));
        }
    }
}
