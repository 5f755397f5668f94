using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// Writes a <see cref="StoredBundle"/> as compact FHIR JSON straight to a buffer, copying each stored resource's
/// JSON in raw: no parse and no re-serialisation per entry (the hot path of search and history).
/// </summary>
public static class StoredBundleJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(System.Buffers.IBufferWriter<byte> output, StoredBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("resourceType", "Bundle");
        json.WriteString("id", Guid.NewGuid().ToString());
        json.WriteStartObject("meta");
        json.WriteString("lastUpdated", Instant(DateTimeOffset.UtcNow));
        json.WriteEndObject();
        json.WriteString("type", bundle.Type.GetLiteral());
        if (bundle.Total is { } total)
        {
            json.WriteNumber("total", total);
        }

        if (bundle.Links.Count > 0)
        {
            json.WriteStartArray("link");
            foreach (var (relation, url) in bundle.Links)
            {
                json.WriteStartObject();
                json.WriteString("relation", relation);
                json.WriteString("url", url);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (bundle.Entries.Count > 0)
        {
            json.WriteStartArray("entry");
            foreach (var entry in bundle.Entries)
            {
                WriteEntry(json, entry);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    public static string Instant(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    private static void WriteEntry(Utf8JsonWriter json, StoredBundleEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("fullUrl", entry.FullUrl);
        if (entry.Resource is { } built)
        {
            json.WritePropertyName("resource");
            json.WriteRawValue(Formats.FhirSerialization.ToJson(built, pretty: false), skipInputValidation: true);
        }
        else if (entry.Stored?.Json is { } stored)
        {
            json.WritePropertyName("resource");
            json.WriteRawValue(stored, skipInputValidation: true);
        }

        if (entry.Mode is { } mode)
        {
            json.WriteStartObject("search");
            json.WriteString("mode", mode.GetLiteral());
            json.WriteEndObject();
        }

        if (entry.Request is { } request)
        {
            json.WriteStartObject("request");
            json.WriteString("method", request.Method.GetLiteral());
            json.WriteString("url", request.Url);
            json.WriteEndObject();
        }

        if (entry.Response is { } response)
        {
            json.WriteStartObject("response");
            json.WriteString("status", response.Status);
            if (response.ETag is { } etag)
            {
                json.WriteString("etag", etag);
            }

            if (response.LastModified is { } modified)
            {
                json.WriteString("lastModified", Instant(modified));
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
