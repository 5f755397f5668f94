using System.Net;
using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Conformance;

/// <summary>
/// The store as clients see it: the package resources are the server's and read-only. Every write path (update,
/// patch, delete, their conditional forms, batch and transaction entries) ends in a write session, so the guard sits
/// there: writing or deleting a package resource, or another resource claiming a package canonical url, is 403 with
/// an OperationOutcome. Clients may still create their own conformance resources under other urls.
/// </summary>
public sealed class PackageProtectedStore(IResourceStore inner, ConformancePackage package) : ForwardingReader<IResourceStore>(inner), IResourceStore
{
    public async Task<IWriteSession> BeginWriteAsync(CancellationToken ct = default)
        => new GuardedSession(await Inner.BeginWriteAsync(ct).ConfigureAwait(false), package);

    private sealed class GuardedSession(IWriteSession inner, ConformancePackage package) : ForwardingReader<IWriteSession>(inner), IWriteSession
    {
        public Task<StoredResource> WriteAsync(Resource resource, int? expectedVersion, ResourceIndexEntries? index = null, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(resource);
            if (package.Contains(resource.TypeName, resource.Id ?? ""))
            {
                throw ReadOnly(resource.TypeName, resource.Id!, "changed");
            }

            if (ConformancePackage.CanonicalOf(resource) is { } url && package.FindByUrl(url) is { } owner)
            {
                throw new FhirRequestException(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden,
                    $"The canonical url {url} belongs to the server's conformance package ({owner.TypeName}/{owner.Id}); give your resource its own url.", $"{resource.TypeName}.url");
            }

            return Inner.WriteAsync(resource, expectedVersion, index, ct);
        }

        public Task<StoredResource?> DeleteAsync(string resourceType, string id, int? expectedVersion, CancellationToken ct = default)
            => package.Contains(resourceType, id) ? throw ReadOnly(resourceType, id, "deleted") : Inner.DeleteAsync(resourceType, id, expectedVersion, ct);

        public CancellationToken Expiry => Inner.Expiry;

        public Task CommitAsync(CancellationToken ct = default) => Inner.CommitAsync(ct);

        public ValueTask DisposeAsync() => Inner.DisposeAsync();

        private static FhirRequestException ReadOnly(string type, string id, string verb)
            => new(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden,
                $"{type}/{id} is part of the server's conformance package (profiles/) and cannot be {verb} by clients.");
    }
}
