using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Net.Http.Headers;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>The wire formats the server speaks, and how a request picks one (_format, then Accept; JSON by default).</summary>
public enum FhirFormat
{
    Json,
    Xml,
}

public static class FhirFormats
{
    public const string JsonMediaType = "application/fhir+json";
    public const string XmlMediaType = "application/fhir+xml";

    private static readonly string[] JsonNames = ["json", "application/json", "application/fhir+json", "application/json+fhir", "text/json"];
    private static readonly string[] XmlNames = ["xml", "application/xml", "application/fhir+xml", "application/xml+fhir", "text/xml"];

    public static string MediaType(this FhirFormat format) => format == FhirFormat.Xml ? XmlMediaType : JsonMediaType;

    /// <summary>The response format: _format wins over Accept; an Accept that names only formats we do not speak is 406.</summary>
    public static FhirFormat ForResponse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["_format"].LastOrDefault();
        if (!string.IsNullOrEmpty(format))
        {
            return FromName(format.Split(';')[0].Trim())
                ?? throw new FhirRequestException(HttpStatusCode.NotAcceptable, OperationOutcome.IssueType.NotSupported, $"_format '{format}' is not supported: use json or xml.", "_format");
        }

        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return FhirFormat.Json;
        }

        foreach (var value in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var media = value.MediaType.Value ?? "";
            if (media is "*/*" or "application/*")
            {
                return FhirFormat.Json;
            }

            if (FromName(media) is { } f)
            {
                return f;
            }
        }

        throw new FhirRequestException(HttpStatusCode.NotAcceptable, OperationOutcome.IssueType.NotSupported,
            $"None of the accepted media types ({request.Headers.Accept}) is supported: use {JsonMediaType} or {XmlMediaType}.");
    }

    /// <summary>The request body's format from Content-Type; anything else is 415.</summary>
    public static FhirFormat ForRequestBody(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.ContentType) || !MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed))
        {
            throw new FhirRequestException(HttpStatusCode.UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                $"A Content-Type of {JsonMediaType} or {XmlMediaType} is required.");
        }

        return FromName(parsed.MediaType.Value ?? "")
            ?? throw new FhirRequestException(HttpStatusCode.UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                $"Content-Type '{request.ContentType}' is not supported: use {JsonMediaType} or {XmlMediaType}.");
    }

    private static FhirFormat? FromName(string name)
    {
        if (JsonNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return FhirFormat.Json;
        }

        return XmlNames.Contains(name, StringComparer.OrdinalIgnoreCase) ? FhirFormat.Xml : null;
    }
}
