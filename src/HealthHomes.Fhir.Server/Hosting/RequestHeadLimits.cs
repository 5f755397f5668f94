using System.Net;
using HealthHomes.Fhir.Server.Rest;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>
/// The server's own limits on the request line (414) and the request headers (431), answered with an
/// OperationOutcome. Kestrel's limits are set above these (see <see cref="FhirServerOptions.KestrelLimitFactor"/>),
/// because Kestrel answers its own with an empty body before any middleware runs: they stay only as the backstop
/// for requests far over ours.
/// </summary>
public sealed class RequestHeadLimits(RequestDelegate next, IOptions<FhirServerOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limits = options.Value;
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            target = $"{request.PathBase}{request.Path}{request.QueryString}";
        }

        // As Kestrel counts it: method SP target SP version CRLF.
        var requestLine = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2;
        if (requestLine > limits.MaxRequestLineBytes)
        {
            return EmptyErrorOutcomes.RespondAsync(context, HttpStatusCode.RequestUriTooLong, FhirRequestException.Issue(OperationOutcome.IssueType.TooLong,
                $"The request line is {requestLine} bytes; this server takes at most {limits.MaxRequestLineBytes}. Send long searches as POST [type]/_search with the parameters in the body."));
        }

        var (count, bytes) = (0, 0L);
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }

        if (count > limits.MaxRequestHeaderCount || bytes > limits.MaxRequestHeadersBytes)
        {
            return EmptyErrorOutcomes.RespondAsync(context, HttpStatusCode.RequestHeaderFieldsTooLarge, FhirRequestException.Issue(OperationOutcome.IssueType.TooLong,
                $"The request has {count} header lines of {bytes} bytes in all; this server takes at most {limits.MaxRequestHeaderCount} lines and {limits.MaxRequestHeadersBytes} bytes."));
        }

        return next(context);
    }
}
