using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Runs a FHIR search (https://hl7.org/fhir/R4/search.html) as SQL over the index tables: parse, one statement for
/// the page, one for the total when asked, one per include level. Pages are keyset cursors (docs/adr/0002-search-paging.md).
/// </summary>
public sealed class SearchExecutor(SearchParameterRegistry registry)
{
    public SearchParameterRegistry Registry { get; } = registry;

    /// <summary>Runs on the caller's open connection (and transaction, when inside a write session, so it sees uncommitted writes).</summary>
    public async Task<SearchResult> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction,
        SearchRequest request, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(access);

        var parser = new SearchQueryParser(Registry, request, access);
        var plan = parser.Parse();
        var accessCriterion = parser.Access;
        var cursor = plan.Cursor is null ? null : PageCursor.Decode(plan.Cursor, plan.Sort);

        if (plan.SummaryCount || plan.Count == 0)
        {
            int? total = plan.Total == TotalMode.None && !plan.SummaryCount ? null : await CountAsync(connection, transaction, plan, accessCriterion, ct).ConfigureAwait(false);
            return new SearchResult([], [], total, plan.Self, null, null, plan.Ignored);
        }

        var page = PageQuery.Page(plan, accessCriterion, cursor, plan.Count + 1);
        List<SearchRow> rows;
        await using (var command = page.CreateCommand(connection, transaction))
        {
            rows = await ResourceRowReader.ReadAsync(command, plan.Sort, ct).ConfigureAwait(false);
        }

        var more = rows.Count > plan.Count;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (cursor?.Backward == true)
        {
            rows.Reverse();
        }

        var included = await IncludeLoader.LoadAsync(connection, transaction, plan.Includes, rows.Select(r => r.ResourceKey).ToArray(), accessCriterion, ct)
            .ConfigureAwait(false);

        int? count = plan.Total switch
        {
            TotalMode.None => null,
            TotalMode.Accurate => await CountAsync(connection, transaction, plan, accessCriterion, ct).ConfigureAwait(false),
            _ => cursor is null && !more ? rows.Count : null,
        };

        // Forward: a next page when a row beyond this page exists; a previous one whenever we came by a cursor.
        // Backward: the mirror image.
        var hasNext = cursor?.Backward == true || more;
        var hasPrevious = cursor is not null && (!cursor.Backward || more);
        var signature = PageCursor.Signature(plan.Sort);
        return new SearchResult(
            rows.Select(r => r.Resource).ToArray(),
            included,
            count,
            plan.Self,
            hasNext && rows.Count > 0 ? WithCursor(plan, new PageCursor(false, signature, rows[^1].SortValues, rows[^1].ResourceKey)) : null,
            hasPrevious && rows.Count > 0 ? WithCursor(plan, new PageCursor(true, signature, rows[0].SortValues, rows[0].ResourceKey)) : null,
            plan.Ignored);
    }

    private static async Task<int> CountAsync(SqliteConnection connection, SqliteTransaction? transaction, SearchPlan plan, SearchCriterion access, CancellationToken ct)
    {
        await using var command = PageQuery.Count(plan, access).CreateCommand(connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<KeyValuePair<string, string>> WithCursor(SearchPlan plan, PageCursor cursor)
        => [.. plan.Self, new("_cursor", cursor.Encode())];
}
