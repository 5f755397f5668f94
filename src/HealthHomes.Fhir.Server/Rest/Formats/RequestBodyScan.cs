using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// A streaming pass over a request body before the Firely parser sees it, which recurses once per level and would
/// overflow the stack (killing the process) on a body thousands of levels deep. It enforces one nesting limit for both
/// formats, counted as each format's reader counts it (JSON objects and arrays, XML elements), and refuses strings
/// holding characters FHIR forbids (<see cref="FhirStrings"/>). XML 1.0 forbids them too, so XmlReader refuses them
/// (DTDs are refused as well); in JSON they arrive as \u escapes and are named by their element path.
/// </summary>
public static class RequestBodyScan
{
    /// <summary>The deepest nesting a request body may have, in JSON (System.Text.Json's default) as in XML.</summary>
    public const int MaxDepth = 64;

    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CheckCharacters = true,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Throws a 400 for a body nested deeper than <see cref="MaxDepth"/> or holding a forbidden character; malformed
    /// JSON is left to the parser to report. Malformed XML is 400 here (XmlException). XML is read as the text the
    /// parser reads; JSON as the UTF-8 bytes received.</summary>
    public static void Check(ReadOnlyMemory<byte> utf8, string? xml, FhirFormat format)
    {
        if (format == FhirFormat.Xml)
        {
            CheckXml(xml ?? System.Text.Encoding.UTF8.GetString(utf8.Span));
        }
        else
        {
            CheckJson(utf8.Span);
        }
    }

    public static FhirRequestException TooDeep() => new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.TooLong,
        $"The body is nested more than {MaxDepth} levels deep, the server's limit (JSON objects and arrays, XML elements).");

    private static void CheckXml(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Xml);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                throw TooDeep();
            }
        }
    }

    private static void CheckJson(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        var path = new JsonPath();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= MaxDepth)
                        {
                            throw TooDeep();
                        }

                        path.Open(reader.TokenType == JsonTokenType.StartArray);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Close();
                        break;
                    case JsonTokenType.PropertyName:
                        path.Name(reader.GetString()!);
                        break;
                    case JsonTokenType.String:
                        path.Value();
                        CheckString(ref reader, path);
                        break;
                    default:
                        path.Value();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the parser reports it with its own words and position.
        }
    }

    private static void CheckString(ref Utf8JsonReader reader, JsonPath path)
    {
        if (!reader.ValueIsEscaped && !path.IsResourceType)
        {
            return; // raw control characters are malformed JSON already
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw FhirRequestException.BadRequest("A string holds a \\u escape that is not valid UTF-16 (a lone surrogate).", path.Expression);
        }

        if (path.IsResourceType)
        {
            path.TypeIs(value); // an unknown or odd resource type is the parser's to name
            return;
        }

        if (FhirStrings.IndexOfForbidden(value) is var at and >= 0)
        {
            throw FhirRequestException.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"A string holds the character U+{(int)value[at]:X4}, which FHIR does not allow (only tab, CR and LF below U+0020)."),
                path.Expression);
        }
    }
}
