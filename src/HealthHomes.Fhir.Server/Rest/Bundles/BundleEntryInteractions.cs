using System.Net;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

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
    PatchInteraction patch)
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
            (null, _) => SearchAsync(request, reader, ct),
            (_, null) => read.ReadAsync(request, reader, ct),
            _ => read.VReadAsync(request, reader, ct),
        };
    }

    /// <summary>A search entry answers with a searchset Bundle of the first page.</summary>
    private static async Task<FhirResponse> SearchAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        FhirIds.EnsureKnownType(request.ResourceType!);
        var result = await reader.SearchAsync(new SearchRequest(request.ResourceType, request.Query, request.StrictHandling), request.Access, ct).ConfigureAwait(false);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = result.Total };
        bundle.Entry.AddRange(result.Matches.Select(m => SearchEntry(request, m, Bundle.SearchEntryMode.Match)));
        bundle.Entry.AddRange(result.Included.Select(m => SearchEntry(request, m, Bundle.SearchEntryMode.Include)));
        return FhirResponse.Of(HttpStatusCode.OK, bundle);
    }

    private static Bundle.EntryComponent SearchEntry(FhirRequest request, StoredResource stored, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = $"{request.BaseUrl}/{stored.ResourceType}/{stored.Id}",
        Resource = FhirSerialization.ParseJson(stored.Json!),
        Search = new Bundle.SearchComponent { Mode = mode },
    };
}
