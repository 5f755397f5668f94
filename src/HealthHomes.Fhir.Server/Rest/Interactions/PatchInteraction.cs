using System.Net;
using System.Text.Json.Nodes;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// patch and conditional patch with JSON Patch (https://hl7.org/fhir/R4/http.html#patch): the patch applies to the
/// current version's JSON, the result is parsed as strictly as any other body (an invalid result is 422 and nothing
/// is stored), id and the version metadata stay the server's, and If-Match guards against a concurrent change (412).
/// </summary>
public sealed class PatchInteraction(ValidatingWrite writer)
{
    private static readonly System.Text.Json.JsonDocumentOptions StoredDocument = new() { MaxDepth = StoredJson.MaxDepth };
    private static readonly System.Text.Json.JsonSerializerOptions StoredWriting = new() { MaxDepth = StoredJson.MaxDepth };

    public async Task<FhirResponse> PatchAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        var (type, id) = ReadInteraction.RequireTypeAndId(request);
        var current = await session.ReadAsync(type, id, request.Access, ct).ConfigureAwait(false)
            ?? throw FhirRequestException.NotFound($"{type}/{id} is not known; PATCH cannot create a resource.");
        return await ApplyAsync(request, session, current, ct).ConfigureAwait(false);
    }

    /// <summary>PATCH [type]?criteria: exactly one match is patched; none is 404, several is 412.</summary>
    public async Task<FhirResponse> ConditionalPatchAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        FhirIds.EnsureKnownType(request.ResourceType!);
        var matches = await ConditionalMatch.FindAsync(session, request.ResourceType!, request.Query, request.Access, ct).ConfigureAwait(false);
        return matches.Count switch
        {
            0 => throw FhirRequestException.NotFound($"No {request.ResourceType} matches the conditional PATCH criteria."),
            1 => await ApplyAsync(request, session, matches[0], ct).ConfigureAwait(false),
            _ => throw ConditionalMatch.SeveralMatches(request.ResourceType!),
        };
    }

    private async Task<FhirResponse> ApplyAsync(FhirRequest request, IWriteSession session, StoredResource current, CancellationToken ct)
    {
        if (current.IsDeleted || current.Json is null)
        {
            throw new FhirRequestException(HttpStatusCode.Gone, OperationOutcome.IssueType.Deleted, $"{current.ResourceType}/{current.Id} is deleted; PATCH cannot revive it.");
        }

        var expected = request.IfMatch is { } ifMatch
            ? ETags.VersionOf(ifMatch) ?? throw FhirRequestException.BadRequest($"If-Match '{ifMatch}' does not name a version (expected W/\"n\").")
            : (int?)null;
        if (expected is { } v && v != current.VersionId)
        {
            throw new FhirRequestException(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.Conflict,
                $"If-Match names version {v} but {current.ResourceType}/{current.Id} is at version {current.VersionId}.");
        }

        var document = request.PatchDocument ?? throw FhirRequestException.BadRequest("A JSON Patch document is required.");
        var original = JsonNode.Parse(current.Json, documentOptions: StoredDocument)!;
        var patched = JsonPatch.Apply(original.DeepClone(), document);
        EnsureServerElementsUnchanged(original, patched, current.ResourceType);

        var resource = ParsePatched(patched);
        var (stored, issues) = await writer.WriteAsync(session, resource, current.VersionId, ct).ConfigureAwait(false);
        return WriteResponses.For(request, HttpStatusCode.OK, stored, $"Patched {stored.ResourceType}/{stored.Id} to version {stored.VersionId}.", issues);
    }

    /// <summary>resourceType, id, meta.versionId and meta.lastUpdated belong to the server: a patch that changes them is refused.</summary>
    private static void EnsureServerElementsUnchanged(JsonNode original, JsonNode patched, string type)
    {
        string[][] paths = [["resourceType"], ["id"], ["meta", "versionId"], ["meta", "lastUpdated"]];
        foreach (var path in paths)
        {
            if (!JsonNode.DeepEquals(At(original, path), At(patched, path)))
            {
                throw FhirRequestException.BadRequest($"{string.Join('.', path)} is set by the server and cannot be patched.", $"{type}.{string.Join('.', path)}");
            }
        }
    }

    private static JsonNode? At(JsonNode? node, string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
        }

        return node;
    }

    /// <summary>A patch whose result breaks the rules of the resource is unprocessable (422), with the parser's issues.</summary>
    private static Resource ParsePatched(JsonNode patched)
    {
        try
        {
            return ResourceBodyReader.Parse(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(patched, StoredWriting), FhirFormat.Json);
        }
        catch (FhirRequestException e) when (e.Status == HttpStatusCode.BadRequest)
        {
            throw new FhirRequestException(HttpStatusCode.UnprocessableEntity, e.Issues);
        }
    }
}
