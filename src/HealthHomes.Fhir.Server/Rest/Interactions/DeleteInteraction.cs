using System.Net;
using HealthHomes.Fhir.Storage;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// delete and conditional delete (https://hl7.org/fhir/R4/http.html#delete): a versioned tombstone, so history keeps
/// every version and a later read is 410 Gone. Deleting what is absent or already deleted is 204 too (idempotent).
/// </summary>
public sealed class DeleteInteraction
{
    public async Task<FhirResponse> DeleteAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        var (type, id) = ReadInteraction.RequireTypeAndId(request);
        var expected = request.IfMatch is { } ifMatch
            ? ETags.VersionOf(ifMatch) ?? throw FhirRequestException.BadRequest($"If-Match '{ifMatch}' does not name a version (expected W/\"n\").")
            : (int?)null;
        var deleted = await session.DeleteAsync(type, id, expected, ct).ConfigureAwait(false);
        return new FhirResponse(HttpStatusCode.NoContent) { Stored = deleted };
    }

    /// <summary>DELETE [type]?criteria: no match or one match deletes it; several is 412.</summary>
    public async Task<FhirResponse> ConditionalDeleteAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        FhirIds.EnsureKnownType(request.ResourceType!);
        var matches = await ConditionalMatch.FindAsync(session, request.ResourceType!, request.Query, request.Access, ct).ConfigureAwait(false);
        if (matches.Count > 1)
        {
            throw ConditionalMatch.SeveralMatches(request.ResourceType!);
        }

        var deleted = matches.Count == 1 ? await session.DeleteAsync(request.ResourceType!, matches[0].Id, null, ct).ConfigureAwait(false) : null;
        return new FhirResponse(HttpStatusCode.NoContent) { Stored = deleted };
    }
}
