using System.Net;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// update, update-as-create for a client-chosen id, and conditional update (https://hl7.org/fhir/R4/http.html#update).
/// If-Match names the version the client last saw; a mismatch is 412.
/// </summary>
public sealed class UpdateInteraction(ValidatingWrite writer)
{
    public async Task<FhirResponse> UpdateAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        var resource = ResourceBody.Require(request);
        FhirIds.EnsureValidId(request.Id!);
        if (string.IsNullOrEmpty(resource.Id))
        {
            throw FhirRequestException.BadRequest($"The body of a PUT must carry the id ({request.Id}).", $"{resource.TypeName}.id");
        }

        if (resource.Id != request.Id)
        {
            throw FhirRequestException.BadRequest($"The id in the body ({resource.Id}) differs from the id in the URL ({request.Id}).", $"{resource.TypeName}.id");
        }

        return await WriteAsync(request, session, resource, ct).ConfigureAwait(false);
    }

    /// <summary>PUT [type]?criteria: no match creates, one match updates it, several is 412.</summary>
    public async Task<FhirResponse> ConditionalUpdateAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        var resource = ResourceBody.Require(request);
        var matches = await ConditionalMatch.FindAsync(session, request.ResourceType!, request.Query, request.Access, ct).ConfigureAwait(false);
        if (matches.Count > 1)
        {
            throw ConditionalMatch.SeveralMatches(request.ResourceType!);
        }

        if (matches.Count == 1)
        {
            if (!string.IsNullOrEmpty(resource.Id) && resource.Id != matches[0].Id)
            {
                throw FhirRequestException.BadRequest($"The id in the body ({resource.Id}) differs from the matching resource's id ({matches[0].Id}).", $"{resource.TypeName}.id");
            }

            resource.Id = matches[0].Id;
        }
        else if (string.IsNullOrEmpty(resource.Id))
        {
            resource.Id = FhirIds.NewId();
        }
        else
        {
            FhirIds.EnsureValidId(resource.Id, $"{resource.TypeName}.id");
        }

        return await WriteAsync(request, session, resource, ct).ConfigureAwait(false);
    }

    private async Task<FhirResponse> WriteAsync(FhirRequest request, IWriteSession session, Hl7.Fhir.Model.Resource resource, CancellationToken ct)
    {
        int? expected = null;
        if (request.IfMatch is { } ifMatch)
        {
            expected = ETags.VersionOf(ifMatch) ?? throw FhirRequestException.BadRequest($"If-Match '{ifMatch}' does not name a version (expected W/\"n\").");
        }

        await EnsureNoneMatchAsync(request, session, resource, ct).ConfigureAwait(false);
        var (stored, issues) = await writer.WriteAsync(session, resource, expected, ct).ConfigureAwait(false);
        var created = stored.Change == ResourceChange.Create;
        return WriteResponses.For(request, created ? HttpStatusCode.Created : HttpStatusCode.OK, stored,
            created ? $"Created {stored.ResourceType}/{stored.Id}." : $"Updated {stored.ResourceType}/{stored.Id} to version {stored.VersionId}.", issues);
    }

    /// <summary>
    /// If-None-Match on a PUT (RFC 9110 §13.1.2): "*" means "only if it does not exist yet", an ETag "only if the
    /// current version is not this one". When the current version is named, nothing is written: 412.
    /// </summary>
    private static async Task EnsureNoneMatchAsync(FhirRequest request, IWriteSession session, Hl7.Fhir.Model.Resource resource, CancellationToken ct)
    {
        if (request.IfNoneMatch is not { } ifNoneMatch)
        {
            return;
        }

        var current = await session.ReadAsync(resource.TypeName, resource.Id!, request.Access, ct).ConfigureAwait(false);
        if (current is { IsDeleted: false } && ETags.NoneMatchNames(ifNoneMatch, current.VersionId))
        {
            throw new FhirRequestException(HttpStatusCode.PreconditionFailed, Hl7.Fhir.Model.OperationOutcome.IssueType.Duplicate,
                $"{resource.TypeName}/{resource.Id} exists (version {current.VersionId}) and If-None-Match '{ifNoneMatch}' names it: nothing was written.");
        }
    }
}
