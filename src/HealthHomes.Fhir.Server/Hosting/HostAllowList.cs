using System.Net;
using HealthHomes.Fhir.Server.Rest;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>
/// Only hosts in the AllowedHosts setting (ASP.NET's host filtering options, plus the host of
/// <see cref="FhirServerOptions.PublicBaseUrl"/>) are answered: every absolute URL the server writes (Location,
/// fullUrl, paging links) is built from the Host when no PublicBaseUrl is set, so an unchecked Host would let a client
/// poison them. Another Host is 400 with an OperationOutcome; this runs before the framework's own host filter, which
/// stays behind it with the same list and would answer with an HTML page. The rejected Host is not echoed back.
/// </summary>
public sealed class HostAllowList(RequestDelegate next, IOptionsMonitor<HostFilteringOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.CurrentValue;
        var allowed = settings.AllowedHosts;
        if (allowed.Count == 0 || allowed.Contains("*"))
        {
            return next(context);
        }

        var host = context.Request.Headers.Host.ToString();
        var accepted = host.Length == 0
            ? settings.AllowEmptyHosts
            : HostString.MatchesAny(new StringSegment(host), allowed.Select(h => new StringSegment(h)).ToList());
        return accepted
            ? next(context)
            : EmptyErrorOutcomes.RespondAsync(context, HttpStatusCode.BadRequest, FhirRequestException.Issue(OperationOutcome.IssueType.Invalid,
                "The Host header names a host this server does not answer to: set AllowedHosts (or FhirServer:PublicBaseUrl) to the names clients use.",
                "Host"));
    }

    /// <summary>The host of a configured PublicBaseUrl is always allowed: it is the name the server gives for itself.</summary>
    internal static void AllowPublicHost(HostFilteringOptions hosts, FhirServerOptions server)
    {
        if (Uri.TryCreate(server.PublicBaseUrl, UriKind.Absolute, out var publicBase) && !hosts.AllowedHosts.Contains("*") && !hosts.AllowedHosts.Contains(publicBase.Host))
        {
            hosts.AllowedHosts = [.. hosts.AllowedHosts, publicBase.Host];
        }
    }
}
