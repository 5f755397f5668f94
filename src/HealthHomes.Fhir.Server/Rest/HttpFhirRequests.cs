using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Server.Security;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>Turns an HTTP request into a <see cref="FhirRequest"/>: route values, query, conditional headers, Prefer, base URL.</summary>
public sealed class HttpFhirRequests(IOptions<FhirServerOptions> options, ResourceBodyReader bodies)
{
    /// <summary>The path prefix the FHIR endpoints live under.</summary>
    public const string BasePath = "/fhir";

    public FhirRequest From(HttpContext context, string? type = null, string? id = null, string? versionId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Request;
        var headers = http.GetTypedHeaders();
        var prefer = Prefer(http);
        var query = http.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        QueryLimits.Ensure(query, options.Value);
        return new FhirRequest
        {
            Method = http.Method.ToUpperInvariant(),
            ResourceType = type,
            Id = id,
            VersionId = versionId,
            Query = query,
            IfMatch = NullIfEmpty(http.Headers.IfMatch),
            IfNoneMatch = NullIfEmpty(http.Headers.IfNoneMatch),
            IfModifiedSince = headers.IfModifiedSince,
            IfNoneExist = NullIfEmpty(http.Headers["If-None-Exist"]),
            PreferReturn = prefer.TryGetValue("return", out var ret) ? ret switch
            {
                "minimal" => PreferReturn.Minimal,
                "OperationOutcome" => PreferReturn.OperationOutcome,
                _ => PreferReturn.Representation,
            } : PreferReturn.Representation,
            StrictHandling = prefer.TryGetValue("handling", out var handling) && handling == "strict",
            Caller = context.Features.Get<FhirCaller>()
                ?? throw new FhirRequestException(System.Net.HttpStatusCode.Forbidden, Hl7.Fhir.Model.OperationOutcome.IssueType.Forbidden,
                    $"{http.Method} {http.Path} has no authorized caller: every FHIR route runs behind {nameof(ScopeEnforcement)}, which sets it."),
            BaseUrl = BaseUrl(http),
        };
    }

    /// <summary>Same as <see cref="From"/>, with the body parsed as a resource.</summary>
    public async Task<FhirRequest> WithBodyAsync(HttpContext context, string? type = null, string? id = null)
    {
        var request = From(context, type, id);
        if (type is not null)
        {
            FhirIds.EnsureKnownType(type);
        }

        var body = await bodies.ReadResourceAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        return request with { Body = body };
    }

    /// <summary>Same as <see cref="From"/>, with the body read as a JSON Patch document; any other Content-Type is 415.</summary>
    public async Task<FhirRequest> WithPatchAsync(HttpContext context, string type, string? id = null)
    {
        var request = From(context, type, id);
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media)
            || !string.Equals(media.MediaType.Value, JsonPatch.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new FhirRequestException(System.Net.HttpStatusCode.UnsupportedMediaType, Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported,
                $"PATCH takes a JSON Patch document (Content-Type: {JsonPatch.MediaType}); '{context.Request.ContentType}' is not supported.");
        }

        var text = await bodies.ReadTextAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        return request with { PatchDocument = text };
    }

    /// <summary>
    /// Same as <see cref="From"/>, for POST [type]/_search: an application/x-www-form-urlencoded body's parameters follow
    /// the URL's. The form is read under the body size limit (413) and the query limits (400, <see cref="QueryLimits"/>).
    /// </summary>
    public async Task<FhirRequest> WithSearchFormAsync(HttpContext context, string? type = null)
    {
        var request = From(context, type);
        var http = context.Request;
        if (http.HasFormContentType)
        {
            if (http.ContentLength > options.Value.MaxRequestBodyBytes)
            {
                throw ResourceBodyReader.TooLarge(options.Value.MaxRequestBodyBytes);
            }

            IFormCollection form;
            try
            {
                form = await http.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw QueryLimits.FormRefused(e, options.Value);
            }

            var posted = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")));
            List<KeyValuePair<string, string>> query = [.. request.Query, .. posted];
            QueryLimits.Ensure(query, options.Value);
            return request with { Query = query };
        }

        if (http.ContentLength > 0 || !string.IsNullOrEmpty(http.ContentType))
        {
            throw new FhirRequestException(System.Net.HttpStatusCode.UnsupportedMediaType, Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported,
                "A POSTed search takes its parameters as application/x-www-form-urlencoded.");
        }

        return request;
    }

    public string BaseUrl(HttpRequest http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{http.Scheme}://{http.Host}{http.PathBase}{BasePath}";
    }

    private static Dictionary<string, string> Prefer(HttpRequest http)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in http.Headers["Prefer"])
        {
            foreach (var part in (header ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (kv.Length == 2)
                {
                    result[kv[0]] = kv[1].Trim('"');
                }
            }
        }

        return result;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value)
        => string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString();
}
