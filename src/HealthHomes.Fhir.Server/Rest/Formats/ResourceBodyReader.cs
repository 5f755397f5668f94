using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// Reads a request body under the size limit and parses it strictly. Every parser complaint becomes an issue with the
/// FHIRPath location of the culprit; a body over the limit is 413.
/// </summary>
public sealed class ResourceBodyReader(IOptions<FhirServerOptions> options)
{
    /// <summary>The body's bytes under the size limit (413), valid UTF-8 (else 400); dispose it to return its buffer.</summary>
    public async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var body = await RequestBody.ReadAsync(request.Body, request.ContentLength, limit, () => TooLarge(limit), ct).ConfigureAwait(false);
        if (!Utf8.IsValid(body.Utf8.Span))
        {
            body.Dispose();
            throw FhirRequestException.BadRequest("The body is not valid UTF-8.");
        }

        return body;
    }

    public async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var body = await ReadAsync(request, ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(body.Utf8.Span);
    }

    public async Task<Resource> ReadResourceAsync(HttpRequest request, CancellationToken ct)
    {
        var format = FhirFormats.ForRequestBody(request);
        using var body = await ReadAsync(request, ct).ConfigureAwait(false);
        return Parse(body.Utf8, format);
    }

    /// <summary>
    /// Parses UTF-8 as it arrived: the pre-pass and the JSON parser read the bytes themselves, so a large body is not
    /// copied to a string (twice its size) nor transcoded back (the serializer rents three bytes per character for that).
    /// </summary>
    public static Resource Parse(ReadOnlyMemory<byte> utf8, FhirFormat format)
    {
        if (IsBlank(utf8.Span))
        {
            throw FhirRequestException.BadRequest("The request body is empty; a FHIR resource is expected.");
        }

        try
        {
            return ScanAndParse(utf8, format);
        }
        catch (DeserializationFailedException e)
        {
            throw new FhirRequestException(HttpStatusCode.BadRequest, e.Exceptions.Select(ToIssue).ToList());
        }
        catch (CodedValidationException e)
        {
            throw new FhirRequestException(HttpStatusCode.BadRequest, [ToIssue(e)]);
        }
        catch (JsonException e)
        {
            throw FhirRequestException.BadRequest($"The body is not well-formed JSON: {e.Message}");
        }
        catch (XmlException e)
        {
            throw FhirRequestException.BadRequest($"The body is not well-formed XML: {e.Message}");
        }
        catch (FormatException e)
        {
            throw FhirRequestException.BadRequest($"The body could not be parsed: {e.Message}");
        }
    }

    /// <summary>
    /// The pre-pass (<see cref="RequestBodyScan"/>: depth, forbidden characters), then the strict Firely parse. The
    /// parser's own exceptions pass through (<see cref="Parse(ReadOnlyMemory{byte}, FhirFormat)"/> turns them into 400s).
    /// </summary>
    internal static Resource ScanAndParse(ReadOnlyMemory<byte> utf8, FhirFormat format)
    {
        var xml = format == FhirFormat.Xml ? Encoding.UTF8.GetString(utf8.Span) : null;
        RequestBodyScan.Check(utf8, xml, format);
        return xml is not null ? FhirSerialization.ParseXml(xml) : FhirSerialization.ParseJson(utf8.Span);
    }

    /// <summary>Empty or white space only (as string.IsNullOrWhiteSpace counts it), read up to the first other character.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        while (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            utf8 = utf8[consumed..];
        }

        return true;
    }

    public static OperationOutcome.IssueComponent ToIssue(CodedException e)
    {
        var path = (e as CodedValidationException)?.InstancePath;
        var code = e is CodedValidationException { IssueType: var t } ? MapType(t) : OperationOutcome.IssueType.Structure;
        return FhirRequestException.Issue(code, e.Message, string.IsNullOrEmpty(path) || path == "$this" ? null : path);
    }

    private static OperationOutcome.IssueType MapType(object issueType)
        => Enum.TryParse<OperationOutcome.IssueType>(issueType.ToString(), ignoreCase: true, out var t) ? t : OperationOutcome.IssueType.Invalid;

    /// <summary>413 naming the limit (FhirServer:MaxRequestBodyBytes).</summary>
    public static FhirRequestException TooLarge(long limit)
        => new(HttpStatusCode.RequestEntityTooLarge, OperationOutcome.IssueType.TooLong, $"The request body is larger than the server's limit of {limit} bytes (FhirServer:MaxRequestBodyBytes).");
}
