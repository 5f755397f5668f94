using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Storage;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// Routes a batch/transaction entry to the interaction handler its method and url name, the same handlers the HTTP
/// routes use: writes run in the write session they are given, reads on any reader (a transaction's own session).
/// </summary>
public sealed class BundleEntryInteractions(
    ReadInteraction read,
    CreateInteraction create,
    UpdateInteraction update,
    DeleteInteraction delete,
    PatchInteraction patch,
    SearchInteraction search)
{
    public static bool IsRead(FhirRequest request) => request.Method is "GET" or "HEAD";

    public Task<FhirResponse> WriteAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (request.Method, request.Id) switch
        {
            ("POST", null) => create.CreateAsync(request, session, ct),
            ("PUT", null) => update.ConditionalUpdateAsync(request, session, ct),
            ("PUT", _) => update.UpdateAsync(request, session, ct),
            ("PATCH", null) => patch.ConditionalPatchAsync(request, session, ct),
            ("PATCH", _) => patch.PatchAsync(request, session, ct),
            ("DELETE", null) => delete.ConditionalDeleteAsync(request, session, ct),
            ("DELETE", _) => delete.DeleteAsync(request, session, ct),
            _ => throw FhirRequestException.BadRequest($"{request.Method} {request.ResourceType}/{request.Id} is not an interaction: POST goes to [type], not [type]/[id]."),
        };
    }

    public Task<FhirResponse> ReadAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (request.Id, request.VersionId) switch
        {
            (null, _) => search.SearchAsync(request, reader, ct),
            (_, null) => read.ReadAsync(request, reader, ct),
            _ => read.VReadAsync(request, reader, ct),
        };
    }
}
