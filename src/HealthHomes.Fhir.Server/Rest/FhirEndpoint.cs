using Hl7.Fhir.Model;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Security;
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

    /// <summary>
    /// Runs a report operation that also speaks CSV: when the client asks for text/csv (Accept or _format=csv) the
    /// operation is told so and its <see cref="FhirResponse.Csv"/> table is streamed; otherwise as <see cref="ReadAsync"/>.
    /// </summary>
    public static async Task ReportAsync(HttpContext context, FhirRequest request, Func<FhirRequest, IResourceReader, CancellationToken, Task<FhirResponse>> interaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(interaction);
        if (!CsvTable.IsWanted(context.Request))
        {
            await ReadAsync(context, request, interaction).ConfigureAwait(false);
            return;
        }

        var store = context.RequestServices.GetRequiredService<IResourceStore>();
        var response = await interaction(request with { WantsCsv = true }, store, context.RequestAborted).ConfigureAwait(false);
        if (response.Csv is not { } table)
        {
            throw new FhirRequestException(System.Net.HttpStatusCode.NotAcceptable, Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported,
                "This operation does not offer text/csv: use application/fhir+json or application/fhir+xml.");
        }

        await table.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an interaction that opens its own write sessions (batch: one per entry; transaction: one for all), after
    /// its <see cref="WriteRehearsal"/> (validation and index rows of every entry, before the lock).
    /// </summary>
    public static async Task StoreAsync(HttpContext context, FhirRequest request, Func<FhirRequest, IResourceStore, CancellationToken, Task<FhirResponse>> interaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(interaction);
        var format = FhirFormats.ForResponse(context.Request);
        var store = context.RequestServices.GetRequiredService<IResourceStore>();
        var ct = context.RequestAborted;
        var rehearsal = await WriteRehearsal.RehearseAsync(() => interaction(Copy(request), new RehearsalStore(store), ct), ct).ConfigureAwait(false);
        var response = await rehearsal.PerformAsync(() => interaction(request, ConfinedStore.For(store, request.Access), ct)).ConfigureAwait(false);
        await FhirResponseWriter.WriteAsync(context, response, format).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a write in its own write session, committed only on success. The request is rehearsed first (validation
    /// and index rows before the lock, see <see cref="WriteRehearsal"/>); the lock wait and the session end when the
    /// client abandons the request, and the session holds the lock at most Storage:MaxWriteSeconds.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, FhirRequest request, Func<FhirRequest, IWriteSession, CancellationToken, Task<FhirResponse>> interaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(interaction);
        var format = FhirFormats.ForResponse(context.Request);
        var store = context.RequestServices.GetRequiredService<IResourceStore>();
        var ct = context.RequestAborted;
        var rehearsal = request.Method == "DELETE"
            ? null
            : await WriteRehearsal.RehearseAsync(() => interaction(Copy(request), new RehearsalStore(store).BeginWrite(), ct), ct).ConfigureAwait(false);
        async Task<FhirResponse> PerformAsync()
        {
            await using var session = await ConfinedStore.For(store, request.Access).BeginWriteAsync(ct).ConfigureAwait(false);
            var response = await interaction(request, session, ct).ConfigureAwait(false);
            await session.CommitAsync(ct).ConfigureAwait(false);
            return response;
        }

        var response = rehearsal is null ? await PerformAsync().ConfigureAwait(false) : await rehearsal.PerformAsync(PerformAsync).ConfigureAwait(false);
        await FhirResponseWriter.WriteAsync(context, response, format, request.Query).ConfigureAwait(false);
    }

    /// <summary>The request with its own copy of the body: interactions set ids and rewrite references in place.</summary>
    private static FhirRequest Copy(FhirRequest request) => request with { Body = request.Body?.DeepCopy() };
}
