using System.Net;
using System.Text;
using System.Text.Json;
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
    public async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw FhirRequestException.BadRequest("The body is not valid UTF-8.");
        }
    }

    public async Task<Resource> ReadResourceAsync(HttpRequest request, CancellationToken ct)
    {
        var format = FhirFormats.ForRequestBody(request);
        var text = await ReadTextAsync(request, ct).ConfigureAwait(false);
        return Parse(text, format);
    }

    public static Resource Parse(string text, FhirFormat format)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw FhirRequestException.BadRequest("The request body is empty; a FHIR resource is expected.");
        }

        try
        {
            RequestBodyScan.Check(text, format);
            return format == FhirFormat.Xml ? FhirSerialization.ParseXml(text) : FhirSerialization.ParseJson(text);
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
