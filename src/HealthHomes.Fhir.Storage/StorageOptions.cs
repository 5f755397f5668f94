namespace HealthHomes.Fhir.Storage;

/// <summary>Where the store keeps its data. Bound from the "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder holding the SQLite database file (created when missing).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Name of the database file inside <see cref="DataDirectory"/>.</summary>
    public string DatabaseFileName { get; set; } = "healthhomes.db";

    /// <summary>Seconds a writer waits for the database lock before failing.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The longest a write session may hold the store's single write lock, in seconds (default 30). Past it, the
    /// session's next step fails with <see cref="WriteTimeoutException"/> (503 with Retry-After), a running SQL
    /// statement is interrupted, the transaction is rolled back and the lock released. Validation and index extraction
    /// run before the lock, so a write normally holds it for milliseconds.
    /// </summary>
    public double MaxWriteSeconds { get; set; } = 30;

    /// <summary>
    /// SQLite memory-mapped I/O (PRAGMA mmap_size) in bytes; 0 (the default) reads pages through SQLite's own cache
    /// only. Large panels read scattered index pages: mapping the file makes those reads memory accesses.
    /// </summary>
    public long MmapSizeBytes { get; set; }

    /// <summary>
    /// The most search index rows one resource may have (one per indexed value: a Group member, a Patient identifier,
    /// a CodeSystem concept code). A resource needing more is refused (422) rather than holding the writer for long.
    /// </summary>
    public int MaxIndexRowsPerResource { get; set; } = 50_000;

    /// <summary>
    /// How hard a commit waits for the disk (PRAGMA synchronous). <see cref="SynchronousMode.Full"/> (the default): the
    /// write-ahead log is flushed to the device (fsync) on every commit, so an acknowledged write survives a process
    /// kill, an operating-system crash and a power loss. <see cref="SynchronousMode.Normal"/>: the log is flushed only
    /// at checkpoints; a process kill loses nothing, but an OS crash or power loss can lose the last acknowledged
    /// writes (the database stays consistent). Relax it only where losing recent writes on power loss is acceptable.
    /// </summary>
    public SynchronousMode Synchronous { get; set; } = SynchronousMode.Full;

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFileName));
}

/// <summary>SQLite's PRAGMA synchronous levels the store offers (https://sqlite.org/pragma.html#pragma_synchronous).</summary>
public enum SynchronousMode
{
    /// <summary>Every commit fsyncs the write-ahead log: durable across power loss.</summary>
    Full,

    /// <summary>fsync at checkpoints only: durable across a process kill, not across power loss.</summary>
    Normal,
}
