namespace HealthHomes.Fhir.Storage;

/// <summary>One stored version of a resource, as it was written (the JSON carries id and meta.versionId/lastUpdated).</summary>
/// <param name="Json">The resource as FHIR JSON; null for a deletion tombstone.</param>
public sealed record StoredResource(
    string ResourceType,
    string Id,
    int VersionId,
    DateTimeOffset LastUpdated,
    bool IsDeleted,
    ResourceChange Change,
    string? Json);

/// <summary>How a version came to be, as reported in history Bundles (Bundle.entry.request.method).</summary>
public enum ResourceChange
{
    Create = 0,
    Update = 1,
    Delete = 2,
}
