using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>Placeholder until the search compiler lands from its branch: every search is refused as unsupported.</summary>
public sealed class SearchExecutor(SearchParameterRegistry registry)
{
    public SearchParameterRegistry Registry { get; } = registry;

    public Task<SearchResult> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, SearchRequest request, AccessFilter access, CancellationToken ct)
        => throw new InvalidSearchException("Search is not available yet.");
}
