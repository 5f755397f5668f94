using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// Runs one interaction for an HTTP request: negotiates the response format first (so a 406 costs nothing),
/// runs a read on the store or a write in its own write session (committed only on success), writes the response.
/// </summary>
public static class FhirEndpoint
{
    public static async Task ReadAsync(HttpContext context, FhirRequest request, Func<FhirRequest, IResourceReader, CancellationToken, Task<FhirResponse>> interaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(interaction);
        var format = FhirFormats.ForResponse(context.Request);
        var store = context.RequestServices.GetRequiredService<IResourceStore>();
        var response = await interaction(request, store, context.RequestAborted).ConfigureAwait(false);
        await FhirResponseWriter.WriteAsync(context, response, format, request.Query).ConfigureAwait(false);
    }

    /// <summary>Runs an interaction that opens its own write sessions (batch: one per entry; transaction: one for all).</summary>
    public static async Task StoreAsync(HttpContext context, FhirRequest request, Func<FhirRequest, IResourceStore, CancellationToken, Task<FhirResponse>> interaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(interaction);
        var format = FhirFormats.ForResponse(context.Request);
        var store = context.RequestServices.GetRequiredService<IResourceStore>();
        var response = await interaction(request, store, context.RequestAborted).ConfigureAwait(false);
        await FhirResponseWriter.WriteAsync(context, response, format).ConfigureAwait(false);
    }

    public static async Task WriteAsync(HttpContext context, FhirRequest request, Func<FhirRequest, IWriteSession, CancellationToken, Task<FhirResponse>> interaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(interaction);
        var format = FhirFormats.ForResponse(context.Request);
        var store = context.RequestServices.GetRequiredService<IResourceStore>();
        FhirResponse response;
        await using (var session = await store.BeginWriteAsync(context.RequestAborted).ConfigureAwait(false))
        {
            response = await interaction(request, session, context.RequestAborted).ConfigureAwait(false);
            await session.CommitAsync(context.RequestAborted).ConfigureAwait(false);
        }

        await FhirResponseWriter.WriteAsync(context, response, format, request.Query).ConfigureAwait(false);
    }
}
