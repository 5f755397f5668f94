using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// The store as a <see cref="WriteRehearsal"/> sees it: reads of committed data (no lock), and write sessions that
/// store nothing. A rehearsed write answers as a first version written now; a rehearsed delete as a tombstone.
/// </summary>
public sealed class RehearsalStore(IResourceStore store) : ForwardingReader<IResourceStore>(store), IResourceStore
{
    public Task<IWriteSession> BeginWriteAsync(CancellationToken ct = default) => System.Threading.Tasks.Task.FromResult<IWriteSession>(new Session(Inner));

    /// <summary>A write session that reads committed data and stores nothing.</summary>
    public IWriteSession BeginWrite() => new Session(Inner);

    private sealed class Session(IResourceStore store) : ForwardingReader<IResourceStore>(store), IWriteSession
    {
        public CancellationToken Expiry => CancellationToken.None;

        public Task<StoredResource> WriteAsync(Resource resource, int? expectedVersion, ResourceIndexEntries? index = null, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(resource);
            return System.Threading.Tasks.Task.FromResult(new StoredResource(resource.TypeName, resource.Id ?? "", 1, DateTimeOffset.UtcNow, false, ResourceChange.Create, null));
        }

        public Task<StoredResource?> DeleteAsync(string resourceType, string id, int? expectedVersion, CancellationToken ct = default)
            => System.Threading.Tasks.Task.FromResult<StoredResource?>(new StoredResource(resourceType, id, 1, DateTimeOffset.UtcNow, true, ResourceChange.Delete, null));

        public Task CommitAsync(CancellationToken ct = default) => System.Threading.Tasks.Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
