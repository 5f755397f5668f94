using HealthHomes.Fhir.Server.Rest;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The endpoint filter on every FHIR route: resolves the caller from the request's token (or <see cref="FhirCaller.SecurityOff"/>),
/// checks the route's <see cref="RouteAccess"/> against the caller's scopes (403), and leaves the caller on the request for
/// <see cref="HttpFhirRequests"/>, which puts its access filter into every storage query. A route without a declaration is refused.
/// </summary>
public sealed class ScopeEnforcement(CallerResolution callers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var declared = http.GetEndpoint()?.Metadata.GetMetadata<RouteAccess>()
            ?? throw new FhirRequestException(System.Net.HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden,
                $"{http.Request.Method} {http.Request.Path} declares no access rule, so no caller may use it.");
        var caller = await callers.ResolveAsync(http, allowAnonymous: declared is OpenAccess).ConfigureAwait(false);
        declared.Ensure(caller, http.Request.RouteValues.TryGetValue("type", out var type) ? type as string : FixedType(http), http.Request);
        http.Features.Set(caller);
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>A route whose type is part of its pattern (e.g. /Patient/{id}/$engagement-status) names it as its first segment.</summary>
    private static string? FixedType(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var rest = path.StartsWith(HttpFhirRequests.BasePath + "/", StringComparison.Ordinal) ? path[(HttpFhirRequests.BasePath.Length + 1)..] : "";
        var first = rest.Split('/', 2)[0];
        return first.Length > 0 && ModelInfo.IsKnownResource(first) ? first : null;
    }
}
