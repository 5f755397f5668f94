using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>
/// Gives memory back after a burst of large bodies. Server GC keeps the heap it grew to while 10 MB bodies were read,
/// and an idle server allocates nothing, so no collection comes along to decommit it. So when the last large body of a
/// burst is done (none in flight) and no other arrives for FhirServer:CollectAfterLargeBodiesSeconds, one blocking,
/// compacting, aggressive collection is requested, which returns the free heap to the operating system. One per quiet
/// period: a large body arriving meanwhile cancels it, and its own end schedules the next. 0 turns it off.
/// </summary>
public sealed class LargeBodyAftermath(IOptions<FhirServerOptions> options, TimeProvider time)
{
    private int _inFlight;
    private long _arrivals;
    private int _collections;

    /// <summary>Collections requested so far.</summary>
    public int Collections => Volatile.Read(ref _collections);

    /// <summary>A large body is being read and handled until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        Interlocked.Increment(ref _arrivals);
        Interlocked.Increment(ref _inFlight);
        return new Scope(this);
    }

    private void Leave()
    {
        var quiet = options.Value.CollectAfterLargeBodiesSeconds;
        if (Interlocked.Decrement(ref _inFlight) == 0 && quiet > 0)
        {
            _ = CollectWhenQuietAsync(Interlocked.Read(ref _arrivals), TimeSpan.FromSeconds(quiet));
        }
    }

    private async Task CollectWhenQuietAsync(long arrivals, TimeSpan quiet)
    {
        await Task.Delay(quiet, time).ConfigureAwait(false);
        if (Volatile.Read(ref _inFlight) == 0 && Interlocked.Read(ref _arrivals) == arrivals)
        {
            Interlocked.Increment(ref _collections);
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private sealed class Scope(LargeBodyAftermath aftermath) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                aftermath.Leave();
            }
        }
    }
}

/// <summary>Counts the large bodies (as <see cref="RequestBodyLimits"/> tells them) admitted past the limiter.</summary>
public static class LargeBodyAftermathMiddleware
{
    public static IApplicationBuilder UseLargeBodyAftermath(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var aftermath = app.ApplicationServices.GetRequiredService<LargeBodyAftermath>();
        var settings = app.ApplicationServices.GetRequiredService<IOptions<FhirServerOptions>>().Value;
        return app.Use(async (context, next) =>
        {
            if (!RequestBodyLimits.IsLarge(context, settings.LargeBodyBytes))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            using (aftermath.Enter())
            {
                await next(context).ConfigureAwait(false);
            }
        });
    }
}
