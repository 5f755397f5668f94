using System.Globalization;
using System.Net;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>read and vread (https://hl7.org/fhir/R4/http.html#read), with If-None-Match / If-Modified-Since -> 304.</summary>
public sealed class ReadInteraction
{
    public async Task<FhirResponse> ReadAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        var (type, id) = RequireTypeAndId(request);
        var stored = await reader.ReadAsync(type, id, request.Access, ct).ConfigureAwait(false)
            ?? throw FhirRequestException.NotFound($"{type}/{id} is not known.");
        if (stored.IsDeleted)
        {
            throw Gone(stored);
        }

        return NotModified(request, stored) ? new FhirResponse(HttpStatusCode.NotModified) { Stored = stored } : FhirResponse.Of(HttpStatusCode.OK, stored);
    }

    public async Task<FhirResponse> VReadAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        var (type, id) = RequireTypeAndId(request);
        if (!int.TryParse(request.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw FhirRequestException.NotFound($"Version '{request.VersionId}' of {type}/{id} is not known: version ids are positive integers.");
        }

        var stored = await reader.VReadAsync(type, id, version, request.Access, ct).ConfigureAwait(false)
            ?? throw FhirRequestException.NotFound($"{type}/{id} has no version {version}.");
        if (stored.IsDeleted)
        {
            throw Gone(stored);
        }

        return NotModified(request, stored) ? new FhirResponse(HttpStatusCode.NotModified) { Stored = stored } : FhirResponse.Of(HttpStatusCode.OK, stored);
    }

    internal static (string Type, string Id) RequireTypeAndId(FhirRequest request)
    {
        FhirIds.EnsureKnownType(request.ResourceType!);
        FhirIds.EnsureValidId(request.Id!);
        return (request.ResourceType!, request.Id!);
    }

    private static FhirRequestException Gone(StoredResource stored)
        => new(HttpStatusCode.Gone, OperationOutcome.IssueType.Deleted,
            $"{stored.ResourceType}/{stored.Id} was deleted at {stored.LastUpdated:O} (version {stored.VersionId}).");

    private static bool NotModified(FhirRequest request, StoredResource stored)
    {
        if (request.IfNoneMatch is { } etags)
        {
            return ETags.NoneMatchNames(etags, stored.VersionId);
        }

        // HTTP dates have whole seconds: compare at that precision.
        return request.IfModifiedSince is { } since && stored.LastUpdated.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
