using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>The server's FHIR parsers and serializers (Firely SDK), configured once.</summary>
public static class FhirSerialization
{
    /// <summary>
    /// Strict parsing: unknown elements, bad codes in required bindings, empty strings and objects, duplicate properties
    /// are errors. A resource with nothing but its resourceType is legal, so the parser's "empty object" complaint is
    /// waived for the root only.
    /// </summary>
    public static readonly JsonSerializerOptions Parsing = new JsonSerializerOptions { MaxDepth = StoredJson.MaxDepth }.ForFhir(new FhirJsonConverterOptions { ExceptionFilter = IsEmptyRoot });

    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions { MaxDepth = StoredJson.MaxDepth }.ForFhir(ModelInfo.ModelInspector);

    public static readonly JsonSerializerOptions PrettyJson = new JsonSerializerOptions { MaxDepth = StoredJson.MaxDepth }.ForFhir(ModelInfo.ModelInspector).Pretty();

    /// <summary>
    /// Reading what the store holds: it was parsed strictly (and validated) before it was written, so it is read back
    /// without the checks (Firely's "Ostrich" mode), which makes bulk reads such as a panel's records cheaper.
    /// </summary>
    public static readonly JsonSerializerOptions Stored = new JsonSerializerOptions { MaxDepth = StoredJson.MaxDepth }.ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Ostrich);

    private static readonly FhirXmlDeserializer XmlParser = new();
    private static readonly BaseFhirXmlSerializer XmlWriter = new(ModelInfo.ModelInspector);

    public static Resource ParseJson(string json) => JsonSerializer.Deserialize<Resource>(json, Parsing)
        ?? throw FhirRequestException.BadRequest("The body is not a FHIR resource.");

    /// <summary>Strict parsing of UTF-8 as received (no string, no transcoding).</summary>
    public static Resource ParseJson(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<Resource>(utf8, Parsing)
        ?? throw FhirRequestException.BadRequest("The body is not a FHIR resource.");

    /// <summary>A stored resource's JSON (see <see cref="Stored"/>).</summary>
    public static Resource ParseStored(string json) => JsonSerializer.Deserialize<Resource>(json, Stored)
        ?? throw new InvalidOperationException("A stored version is not a FHIR resource.");

    public static Resource ParseXml(string xml) => XmlParser.DeserializeResource(xml);

    private static bool IsEmptyRoot(Hl7.Fhir.Utility.CodedException e)
        => e.ErrorCode is "JSON120" or "PVAL129" && e.Message.Contains("At $this,", StringComparison.Ordinal);

    public static string ToJson(Resource resource, bool pretty, Func<SerializationFilter>? filter = null)
    {
        if (filter is null)
        {
            return JsonSerializer.Serialize(resource, pretty ? PrettyJson : Json);
        }

        var options = new JsonSerializerOptions { MaxDepth = StoredJson.MaxDepth }.ForFhir(new FhirJsonConverterOptions { SummaryFilterFactory = filter });
        if (pretty)
        {
            options = options.Pretty();
        }

        return JsonSerializer.Serialize(resource, options);
    }

    /// <summary>
    /// The resource as XML. A value holding a character XML cannot carry (stored before such values were refused) is
    /// written with it replaced by U+FFFD, so one old value never fails a whole response or search page.
    /// </summary>
    public static string ToXml(Resource resource, bool pretty, Func<SerializationFilter>? filter = null)
    {
        try
        {
            return WriteXml(resource, pretty, filter);
        }
        catch (ArgumentException)
        {
            return WriteXml(WithForbiddenCharactersReplaced(resource), pretty, filter);
        }
    }

    private static string WriteXml(Resource resource, bool pretty, Func<SerializationFilter>? filter)
    {
        var sb = new StringBuilder();
        using (var writer = System.Xml.XmlWriter.Create(sb, new XmlWriterSettings { Indent = pretty, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            XmlWriter.Serialize(resource, writer, filter ?? (() => null!), null!);
        }

        return sb.ToString();
    }

    private static Resource WithForbiddenCharactersReplaced(Resource resource)
    {
        var node = JsonSerializer.SerializeToNode(resource, Json)!;
        ReplaceForbiddenCharacters(node);
        return node.Deserialize<Resource>(Stored)!;
    }

    private static void ReplaceForbiddenCharacters(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (Replaced(obj[name]) is { } replaced)
                    {
                        obj[name] = replaced;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Replaced(array[i]) is { } replaced)
                    {
                        array[i] = replaced;
                    }
                }

                break;
        }
    }

    /// <summary>A new string value when <paramref name="node"/> is a string holding a forbidden character; else null (a container is fixed in place).</summary>
    private static JsonValue? Replaced(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return FhirStrings.IndexOfForbidden(text) >= 0 ? JsonValue.Create(FhirStrings.Replace(text)) : null;
        }

        if (node is not null)
        {
            ReplaceForbiddenCharacters(node);
        }

        return null;
    }
}
