using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>
/// What bounds a request before FHIR code sees it, all from <see cref="FhirServerOptions"/>: Kestrel reads no body past
/// MaxRequestBodyBytes (413); ASP.NET's form reader stops at MaxQueryParameters values of MaxQueryValueLength characters
/// (400, see <see cref="QueryLimits"/>); and large bodies (over LargeBodyBytes, or of unknown length) pass a
/// concurrency limiter (ASP.NET rate limiting): MaxConcurrentLargeBodies at once, LargeBodyQueueLimit waiting oldest
/// first, the rest 429 with Retry-After and an OperationOutcome. So a flood of 10 MB bodies holds at most
/// MaxConcurrentLargeBodies of them in memory, however many arrive.
/// </summary>
public static class RequestBodyLimits
{
    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<FhirServerOptions>>((kestrel, fhir) => kestrel.Limits.MaxRequestBodySize = fhir.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<FhirServerOptions>>((form, fhir) =>
        {
            form.ValueCountLimit = fhir.Value.MaxQueryParameters;
            form.ValueLengthLimit = fhir.Value.MaxQueryValueLength;
            form.KeyLengthLimit = QueryLimits.MaxNameLength;
            form.BufferBodyLengthLimit = fhir.Value.MaxRequestBodyBytes;
        });
        services.AddRateLimiter(_ => { });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LargeBodyAftermath>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<FhirServerOptions>>((limiter, fhir) =>
        {
            var settings = fhir.Value;
            var large = new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.MaxConcurrentLargeBodies,
                QueueLimit = settings.LargeBodyQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsLarge(context, settings.LargeBodyBytes)
                ? RateLimitPartition.GetConcurrencyLimiter("large-bodies", _ => large)
                : RateLimitPartition.GetNoLimiter("other"));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => RefuseAsync(rejected.HttpContext, settings);
        });
        return services;
    }

    /// <summary>A body over the threshold, or one whose length is not announced (chunked).</summary>
    internal static bool IsLarge(HttpContext context, long threshold) => context.Request.ContentLength is { } length
        ? length > threshold
        : context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method));

    private static async ValueTask RefuseAsync(HttpContext context, FhirServerOptions settings)
    {
        var seconds = settings.LargeBodyRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = seconds;
        await EmptyErrorOutcomes.RespondAsync(context, HttpStatusCode.TooManyRequests, FhirRequestException.Issue(OperationOutcome.IssueType.Throttled,
            $"The server is already reading {settings.MaxConcurrentLargeBodies} large request bodies (over {settings.LargeBodyBytes} bytes) with "
            + $"{settings.LargeBodyQueueLimit} more waiting; retry after {seconds} seconds.")).ConfigureAwait(false);
    }
}
