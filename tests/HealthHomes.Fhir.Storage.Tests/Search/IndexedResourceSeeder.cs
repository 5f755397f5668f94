using System.Globalization;
using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Schema;
using HealthHomes.Fhir.Storage.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>
/// A real SQLite database file with the store's schema, seeded directly with Resource, ResourceVersion and index rows
/// exactly as the index row contract describes them. Stands in for the write side until search tests switch to the
/// real store: swap this one fixture.
/// </summary>
public class IndexedResourceSeeder : IDisposable
{
    private static readonly Lazy<SearchParameterRegistry> SharedRegistry = new(() =>
    {
        var definitions = SearchParameterDefinitions.R4().ToList();
        var ids = new Dictionary<(string Type, string Code), int>();
        foreach (var d in definitions)
        {
            ids.TryAdd((d.ResourceType, d.Code), ids.Count + 1);
        }

        return new SearchParameterRegistry(definitions, ids);
    });

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"search-{Guid.NewGuid():N}.db");
    private long _clock = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public IndexedResourceSeeder()
    {
        var options = new DbContextOptionsBuilder<FhirDbContext>().UseSqlite($"Data Source={_path};Pooling=False").Options;
        using (var context = new FhirDbContext(options))
        {
            context.Database.EnsureCreated();
        }

        Connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        Connection.Open();
        Executor = new SearchExecutor(Registry);
    }

    public static SearchParameterRegistry Registry => SharedRegistry.Value;

    public SqliteConnection Connection { get; }

    public SearchExecutor Executor { get; }

    /// <summary>Adds version 1 of a resource (or a new version of a deleted one) with the given index rows; returns its ResourceKey.</summary>
    public long Add(string type, string id, Action<IndexRows>? index = null, DateTimeOffset? lastUpdated = null)
    {
        var ticks = lastUpdated?.UtcTicks ?? (_clock += TimeSpan.TicksPerSecond);
        var json = $$"""{"resourceType":"{{type}}","id":"{{id}}"}""";
        var key = Scalar("SELECT ResourceKey FROM Resource WHERE ResourceType = $t AND LogicalId = $i", ("$t", type), ("$i", id))
            ?? Scalar("INSERT INTO Resource (ResourceType, LogicalId, CurrentVersion, CurrentVersionKey, IsDeleted, LastUpdated) VALUES ($t, $i, 0, 0, 0, $u) RETURNING ResourceKey",
                ("$t", type), ("$i", id), ("$u", ticks))!.Value;
        var version = Scalar("SELECT CurrentVersion + 1 FROM Resource WHERE ResourceKey = $k", ("$k", key))!.Value;
        var versionKey = Scalar("INSERT INTO ResourceVersion (ResourceKey, ResourceType, LogicalId, Version, LastUpdated, IsDeleted, Change, Json) VALUES ($k, $t, $i, $n, $u, 0, $c, $j) RETURNING VersionKey",
            ("$k", key), ("$t", type), ("$i", id), ("$n", version), ("$u", ticks), ("$c", version == 1 ? 0 : 1), ("$j", json));
        Execute("UPDATE Resource SET CurrentVersion = $n, CurrentVersionKey = $v, IsDeleted = 0, LastUpdated = $u WHERE ResourceKey = $k",
            ("$n", version), ("$v", versionKey), ("$u", ticks), ("$k", key));
        index?.Invoke(new IndexRows(this, type, key));
        return key;
    }

    /// <summary>Deletes a resource as the store does: a tombstone version, the flag, and no index rows left.</summary>
    public void Delete(string type, string id)
    {
        var key = Scalar("SELECT ResourceKey FROM Resource WHERE ResourceType = $t AND LogicalId = $i", ("$t", type), ("$i", id))
            ?? throw new InvalidOperationException($"{type}/{id} was not seeded");
        var ticks = _clock += TimeSpan.TicksPerSecond;
        var versionKey = Scalar("INSERT INTO ResourceVersion (ResourceKey, ResourceType, LogicalId, Version, LastUpdated, IsDeleted, Change, Json) SELECT ResourceKey, ResourceType, LogicalId, CurrentVersion + 1, $u, 1, 2, NULL FROM Resource WHERE ResourceKey = $k RETURNING VersionKey",
            ("$u", ticks), ("$k", key));
        Execute("UPDATE Resource SET CurrentVersion = CurrentVersion + 1, CurrentVersionKey = $v, IsDeleted = 1, LastUpdated = $u WHERE ResourceKey = $k", ("$v", versionKey), ("$u", ticks), ("$k", key));
        foreach (var table in new[] { "TokenIndex", "StringIndex", "DateIndex", "ReferenceIndex", "NumberIndex", "QuantityIndex", "UriIndex" })
        {
            Execute($"DELETE FROM {table} WHERE ResourceKey = $k", ("$k", key));
        }
    }

    /// <summary>Runs a search given as a query string ("name=smith&amp;_count=2") and returns the result.</summary>
    public Task<SearchResult> SearchAsync(string? type, string query, AccessFilter? access = null, bool strict = false)
        => SearchAsync(type, Parse(query), access, strict);

    public Task<SearchResult> SearchAsync(string? type, IReadOnlyList<KeyValuePair<string, string>> parameters, AccessFilter? access = null, bool strict = false)
        => Executor.ExecuteAsync(Connection, null, new SearchRequest(type, parameters, strict), access ?? AccessFilter.Everything, CancellationToken.None);

    /// <summary>The matched ids of a search, sorted (for tests where order does not matter).</summary>
    public async Task<string[]> IdsAsync(string? type, string query, AccessFilter? access = null)
        => [.. (await SearchAsync(type, query, access)).Matches.Select(m => m.Id).Order(StringComparer.Ordinal)];

    public static List<KeyValuePair<string, string>> Parse(string query)
        => [.. query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(Uri.UnescapeDataString(p[..eq]), Uri.UnescapeDataString(p[(eq + 1)..]));
        })];

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connection.Dispose();
            File.Delete(_path);
        }
    }

    internal void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    internal long? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var result = command.ExecuteScalar();
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
