using HealthHomes.Fhir.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>Healthy when the store answers a read.</summary>
public sealed class StoreHealthCheck(IResourceStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ReadAsync("Patient", "health-check", AccessFilter.Everything, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The store answers reads.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer reads.", e);
        }
    }
}
