using HealthHomes.Fhir.Server.Security;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// The base's own names (metadata, _history, _search) would otherwise fall into the [type] routes for the methods
/// they do not take (POST /fhir/metadata as a create of a "metadata" resource). Those methods get 405 with an Allow
/// header instead; the OperationOutcome is written by <see cref="EmptyErrorOutcomes"/>.
/// </summary>
public static class MethodNotAllowedRoutes
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static RouteGroupBuilder MapMethodNotAllowed(this RouteGroupBuilder fhir, string pattern, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(fhir);
        fhir.MapMethods(pattern, Methods.Except(allowed).ToArray(), (HttpContext c) =>
        {
            c.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            c.Response.Headers.Allow = string.Join(", ", allowed);
            return Task.CompletedTask;
        }).ExcludeFromDescription().Open();
        return fhir;
    }
}
