using System.Net;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The store as a confined caller (patient/ or user/ scopes, a confined system client) writes to it: a write may not
/// touch a resource outside the caller's <see cref="AccessFilter"/>, and everything it wrote must be inside it when the
/// session commits (a Task for another member, a Patient the caller's organization does not serve: 403, rolled back).
/// The check reads through the same filter the caller's reads use, inside the write transaction, so the rules cannot
/// drift apart. A delete of a resource the caller cannot see deletes nothing, as if it did not exist.
/// </summary>
public sealed class ConfinedStore(IResourceStore store, AccessFilter access) : ForwardingReader<IResourceStore>(store), IResourceStore
{
    /// <summary>The store itself for a caller that sees everything; else the store confined to the caller's access.</summary>
    public static IResourceStore For(IResourceStore store, AccessFilter access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.SeesEverything ? store : new ConfinedStore(store, access);
    }

    public async Task<IWriteSession> BeginWriteAsync(CancellationToken ct = default)
        => new Session(await Inner.BeginWriteAsync(ct).ConfigureAwait(false), access);

    internal static FhirRequestException OutsideAccess(string resourceType, string id)
        => new(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden,
            $"{resourceType}/{id} is outside the records this token may change (the launch patient's record, or the members your organization serves).");

    private sealed class Session(IWriteSession session, AccessFilter access) : ForwardingReader<IWriteSession>(session), IWriteSession
    {
        private readonly List<(string Type, string Id)> _written = [];

        public CancellationToken Expiry => Inner.Expiry;

        public async Task<StoredResource> WriteAsync(Resource resource, int? expectedVersion, ResourceIndexEntries? index = null, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(resource);
            var type = resource.TypeName;
            var id = resource.Id ?? "";
            if (await Inner.ReadAsync(type, id, AccessFilter.Everything, ct).ConfigureAwait(false) is { IsDeleted: false }
                && await Inner.ReadAsync(type, id, access, ct).ConfigureAwait(false) is null)
            {
                throw OutsideAccess(type, id);
            }

            var stored = await Inner.WriteAsync(resource, expectedVersion, index, ct).ConfigureAwait(false);
            _written.Add((type, id));
            return stored;
        }

        public async Task<StoredResource?> DeleteAsync(string resourceType, string id, int? expectedVersion, CancellationToken ct = default)
            => await Inner.ReadAsync(resourceType, id, access, ct).ConfigureAwait(false) is null
                ? null
                : await Inner.DeleteAsync(resourceType, id, expectedVersion, ct).ConfigureAwait(false);

        public async Task CommitAsync(CancellationToken ct = default)
        {
            foreach (var (type, id) in _written.Distinct())
            {
                if (await Inner.ReadAsync(type, id, access, ct).ConfigureAwait(false) is null)
                {
                    throw OutsideAccess(type, id);
                }
            }

            await Inner.CommitAsync(ct).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }
}
