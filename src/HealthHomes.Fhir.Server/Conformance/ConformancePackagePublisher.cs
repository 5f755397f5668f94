using System.Text.Json.Nodes;
using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Conformance;

/// <summary>
/// Writes every package resource into the store at startup (id = the file's id), so that /StructureDefinition,
/// /ValueSet, /CodeSystem and /SearchParameter search and read them like any resource. A stored version with the
/// same content is left alone, so restarts add no versions; a changed file adds one. A start-up write: not bounded by
/// Storage:MaxWriteSeconds, which is for requests.
/// </summary>
public sealed class ConformancePackagePublisher(ConformancePackage package, IStartupWrites store)
{
    public async Task<int> PublishAsync(CancellationToken ct)
    {
        var written = 0;
        await using var session = await store.BeginStartupWriteAsync(ct).ConfigureAwait(false);
        foreach (var resource in package.Resources)
        {
            var current = await session.ReadAsync(resource.TypeName, resource.Id!, AccessFilter.Everything, ct).ConfigureAwait(false);
            if (current is { IsDeleted: false, Json: { } json } && SameContent(json, FhirSerialization.ToJson(resource, pretty: false)))
            {
                continue;
            }

            await session.WriteAsync(resource.DeepCopy(), null, null, ct).ConfigureAwait(false);
            written++;
        }

        await session.CommitAsync(ct).ConfigureAwait(false);
        return written;
    }

    /// <summary>Equal JSON once the server's meta.versionId and meta.lastUpdated are set aside.</summary>
    internal static bool SameContent(string stored, string packaged)
    {
        var a = JsonNode.Parse(stored, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = StoredJson.MaxDepth })!.AsObject();
        if (a["meta"] is JsonObject meta)
        {
            meta.Remove("versionId");
            meta.Remove("lastUpdated");
            if (meta.Count == 0)
            {
                a.Remove("meta");
            }
        }

        return JsonNode.DeepEquals(a, JsonNode.Parse(packaged));
    }
}
