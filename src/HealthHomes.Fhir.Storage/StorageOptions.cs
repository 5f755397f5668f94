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
    /// SQLite memory-mapped I/O (PRAGMA mmap_size) in bytes; 0 (the default) reads pages through SQLite's own cache
    /// only. Large panels read scattered index pages: mapping the file makes those reads memory accesses.
    /// </summary>
    public long MmapSizeBytes { get; set; }

    /// <summary>
    /// The most search index rows one resource may have (one per indexed value: a Group member, a Patient identifier,
    /// a CodeSystem concept code). A resource needing more is refused (422) rather than holding the writer for long.
    /// </summary>
    public int MaxIndexRowsPerResource { get; set; } = 50_000;

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFileName));
}
