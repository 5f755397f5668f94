namespace HealthHomes.Fhir.Storage.Schema;

/// <summary>A logical resource: one row per (type, id), pointing at its current version. Index rows hang off <see cref="ResourceKey"/>.</summary>
public sealed class ResourceRow
{
    public long ResourceKey { get; set; }
    public required string ResourceType { get; set; }
    public required string LogicalId { get; set; }
    public int CurrentVersion { get; set; }
    public long CurrentVersionKey { get; set; }
    public bool IsDeleted { get; set; }

    /// <summary>meta.lastUpdated of the current version as UTC ticks (sortable, comparable in SQL).</summary>
    public long LastUpdated { get; set; }
}

/// <summary>One version of a resource; never updated or deleted. <see cref="VersionKey"/> is the global write sequence.</summary>
public sealed class ResourceVersionRow
{
    public long VersionKey { get; set; }
    public long ResourceKey { get; set; }
    public required string ResourceType { get; set; }
    public required string LogicalId { get; set; }
    public int Version { get; set; }
    public long LastUpdated { get; set; }
    public bool IsDeleted { get; set; }

    /// <summary>0 create, 1 update, 2 delete (<see cref="ResourceChange"/>).</summary>
    public int Change { get; set; }

    /// <summary>The resource JSON (UTF-8); null for a deletion tombstone.</summary>
    public string? Json { get; set; }
}

/// <summary>A search parameter the index knows, one per (resource type, code), with a small stable id used by every index row.</summary>
public sealed class SearchParameterRow
{
    public int SearchParameterId { get; set; }
    public required string ResourceType { get; set; }
    public required string Code { get; set; }
    public required string Type { get; set; }
    public required string Url { get; set; }
}
