using HealthHomes.Fhir.Server.Rest;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>
/// The outermost middleware, ahead of everything the framework adds (its host filter included) and of routing:
/// HEAD as GET, an OperationOutcome on every empty error answer, the request line and header limits, the Host check.
/// Registered as the first startup filter (see <see cref="FhirServerComposition"/>), so nothing answers before it.
/// </summary>
public sealed class RequestEdge : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        => app =>
        {
            app.UseMiddleware<HeadRequests>();
            app.UseStatusCodePages(EmptyErrorOutcomes.WriteAsync);
            app.UseMiddleware<RequestHeadLimits>();
            app.UseMiddleware<HostAllowList>();
            next(app);
        };
}
