using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>
/// The database file: opens connections with the store's settings, and at startup creates or migrates the schema
/// (EF Core migrations), switches the file to WAL and gives every search parameter its stable id.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteDatabase(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxIndexRowsPerResource = options.MaxIndexRowsPerResource;
        MaxWrite = TimeSpan.FromSeconds(options.MaxWriteSeconds);
        _pragmas = $"PRAGMA synchronous={(options.Synchronous == SynchronousMode.Normal ? "NORMAL" : "FULL")}; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
            + (options.MmapSizeBytes > 0 ? $"PRAGMA mmap_size={options.MmapSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)};" : "");
        Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = options.BusyTimeoutSeconds,
        }.ToString();
    }

    public string ConnectionString => _connectionString;

    /// <summary><see cref="StorageOptions.MaxIndexRowsPerResource"/>.</summary>
    public int MaxIndexRowsPerResource { get; }

    /// <summary>Storage:MaxWriteSeconds: the longest a write session may hold the write lock.</summary>
    public TimeSpan MaxWrite { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = _pragmas;
        await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Creates or migrates the schema and returns the search parameter registry with persisted ids.</summary>
    public async Task<SearchParameterRegistry> InitializeAsync(IEnumerable<SearchParameterDefinition> definitions, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<FhirSqliteContext>().UseSqlite(_connectionString).Options;
        await using (var context = new FhirSqliteContext(options))
        {
            await context.Database.MigrateAsync(ct).ConfigureAwait(false);
        }

        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var list = definitions.ToList();
        var ids = await SearchParameterIds.LoadOrAssignAsync(connection, list, ct).ConfigureAwait(false);
        return new SearchParameterRegistry(list, ids);
    }
}
