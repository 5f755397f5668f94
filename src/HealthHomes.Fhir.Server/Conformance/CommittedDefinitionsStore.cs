using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Conformance;

/// <summary>
/// The store, with client writes of StructureDefinitions, ValueSets and CodeSystems followed by the validator: a
/// session remembers the definitions it wrote or deleted and applies them to the <see cref="ProfileSource"/> only after
/// its commit succeeded (a rolled-back transaction changes nothing). An uploaded profile applies from the next request
/// on; an updated one replaces it; a deleted one (or one whose url changed) stops applying.
/// </summary>
public sealed class CommittedDefinitionsStore(IResourceStore inner, ProfileSource source, ILogger<ValidationDefinitions> logger) : ForwardingReader<IResourceStore>(inner), IResourceStore
{
    public async Task<IWriteSession> BeginWriteAsync(CancellationToken ct = default)
        => new FollowedSession(await Inner.BeginWriteAsync(ct).ConfigureAwait(false), source, logger);

    private sealed class FollowedSession(IWriteSession inner, ProfileSource source, ILogger logger) : ForwardingReader<IWriteSession>(inner), IWriteSession
    {
        private readonly Dictionary<(string Type, string Id), Resource> _written = [];
        private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

        public async Task<StoredResource> WriteAsync(Resource resource, int? expectedVersion, ResourceIndexEntries? index = null, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(resource);
            if (!ValidationDefinitions.IsDefinition(resource.TypeName))
            {
                return await Inner.WriteAsync(resource, expectedVersion, index, ct).ConfigureAwait(false);
            }

            var previousUrl = await UrlOfCurrentAsync(resource.TypeName, resource.Id!, ct).ConfigureAwait(false);
            var stored = await Inner.WriteAsync(resource, expectedVersion, index, ct).ConfigureAwait(false);
            var url = (resource as IVersionableConformanceResource)?.Url;
            if (previousUrl is not null && previousUrl != url)
            {
                _removed.Add(previousUrl);
            }

            if (!string.IsNullOrEmpty(url))
            {
                _written[(resource.TypeName, resource.Id!)] = resource.DeepCopy();
            }

            return stored;
        }

        public async Task<StoredResource?> DeleteAsync(string resourceType, string id, int? expectedVersion, CancellationToken ct = default)
        {
            var url = ValidationDefinitions.IsDefinition(resourceType) ? await UrlOfCurrentAsync(resourceType, id, ct).ConfigureAwait(false) : null;
            var deleted = await Inner.DeleteAsync(resourceType, id, expectedVersion, ct).ConfigureAwait(false);
            if (url is not null && deleted is not null)
            {
                _removed.Add(url);
                _written.Remove((resourceType, id));
            }

            return deleted;
        }

        public CancellationToken Expiry => Inner.Expiry;

        public async Task CommitAsync(CancellationToken ct = default)
        {
            await Inner.CommitAsync(ct).ConfigureAwait(false);
            var kept = _written.Values.Select(r => ((IVersionableConformanceResource)r).Url).ToHashSet(StringComparer.Ordinal);
            foreach (var url in _removed.Where(u => !kept.Contains(u)))
            {
                await source.RemoveAsync(url, CancellationToken.None).ConfigureAwait(false);
            }

            if (_written.Count > 0)
            {
                // The write committed: a snapshot problem cannot undo it, so it is logged (and $validate shows it as an unknown profile).
                foreach (var problem in await source.AddOrUpdateAsync(_written.Values, CancellationToken.None).ConfigureAwait(false))
                {
                    ValidationDefinitions.LogProblem(logger, string.Join(",", problem.Expression), problem.Diagnostics ?? problem.Details?.Text ?? "");
                }
            }
        }

        public ValueTask DisposeAsync() => Inner.DisposeAsync();

        private async Task<string?> UrlOfCurrentAsync(string type, string id, CancellationToken ct)
        {
            var current = await Inner.ReadAsync(type, id, AccessFilter.Everything, ct).ConfigureAwait(false);
            return current is { IsDeleted: false, Json: { } json } && Rest.Formats.FhirSerialization.ParseJson(json) is IVersionableConformanceResource { Url: { } url }
                ? url
                : null;
        }
    }
}
