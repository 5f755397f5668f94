namespace HealthHomes.Fhir.Storage;

/// <summary>Base of the errors the store reports; the REST layer maps each to an HTTP status and OperationOutcome.</summary>
public abstract class StorageException(string message, string? expression = null) : Exception(message)
{
    /// <summary>The FHIRPath expression or request parameter that caused the error, when known.</summary>
    public string? Expression { get; } = expression;
}

/// <summary>An If-Match (or transaction entry ifMatch) version did not match the current version.</summary>
public sealed class VersionConflictException(string message) : StorageException(message);

/// <summary>A search request that cannot be run: unknown parameter under strict handling, malformed value, bad modifier.</summary>
public sealed class InvalidSearchException(string message, string? parameter = null) : StorageException(message, parameter);

/// <summary>A write that breaks a store rule (e.g. a conditional operation matching several resources).</summary>
public sealed class PreconditionFailedException(string message) : StorageException(message);

/// <summary>
/// A resource that would need more search index rows than the store's limit (<see cref="StorageOptions.MaxIndexRowsPerResource"/>):
/// refused whole, nothing written. <see cref="StorageException.Expression"/> is the search parameter's expression whose rows passed it.
/// </summary>
public sealed class IndexRowLimitException(string message, string? expression) : StorageException(message, expression);

/// <summary>
/// A write session held the store's write lock longer than Storage:MaxWriteSeconds: it is rolled back and the lock
/// released. The store is busy, not the request wrong: the REST layer answers 503 with Retry-After.
/// </summary>
/// <param name="limit">Storage:MaxWriteSeconds, when the caller knows it.</param>
public sealed class WriteTimeoutException(TimeSpan? limit)
    : StorageException($"The write held the store's write lock for more than {(limit is { } l ? $"{l.TotalSeconds:0.###} s" : "its limit (Storage:MaxWriteSeconds)")} and was rolled back; nothing was stored. Retry later.")
{
    public TimeSpan? Limit { get; } = limit;
}
