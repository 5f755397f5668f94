namespace HealthHomes.Fhir.Storage;

/// <summary>
/// A search as the client sent it: the resource type (null for a system-level search) and the query parameters in
/// order, unparsed. The store parses them against its search parameter registry.
/// </summary>
/// <param name="Parameters">Every query parameter, including result parameters (_sort, _count, _include, ...).</param>
/// <param name="StrictHandling">Prefer: handling=strict: an unknown or unsupported parameter is an error instead of being ignored.</param>
public sealed record SearchRequest(
    string? ResourceType,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    bool StrictHandling = false);

/// <summary>A page of search results.</summary>
/// <param name="Matches">The resources that matched, in order (Bundle.entry.search.mode = match).</param>
/// <param name="Included">Resources added by _include/_revinclude (search.mode = include), each once.</param>
/// <param name="Total">The total number of matches when asked for (_total=accurate) or cheap to know; else null.</param>
/// <param name="SelfParameters">The parameters actually applied, in canonical form, for the self link (ignored ones left out).</param>
/// <param name="NextParameters">Parameters for the next page, or null when this is the last page.</param>
/// <param name="PreviousParameters">Parameters for the previous page, or null when this is the first page.</param>
/// <param name="IgnoredParameters">Parameters that were not understood and were ignored (lenient handling).</param>
public sealed record SearchResult(
    IReadOnlyList<StoredResource> Matches,
    IReadOnlyList<StoredResource> Included,
    int? Total,
    IReadOnlyList<KeyValuePair<string, string>> SelfParameters,
    IReadOnlyList<KeyValuePair<string, string>>? NextParameters,
    IReadOnlyList<KeyValuePair<string, string>>? PreviousParameters,
    IReadOnlyList<string> IgnoredParameters);

/// <summary>A history request: system level (no type), type level (type only) or instance level (type and id).</summary>
/// <param name="Since">_since: only versions written at or after this instant.</param>
/// <param name="At">_at: the versions current at this instant.</param>
/// <param name="Count">_count: page size.</param>
/// <param name="Before">Paging cursor: only versions with a sequence number below this (newest first).</param>
public sealed record HistoryRequest(
    string? ResourceType,
    string? Id,
    DateTimeOffset? Since,
    DateTimeOffset? At,
    int Count,
    long? Before)
{
    /// <summary>
    /// With <see cref="At"/>, makes _at a period [At, AtEnd) (a date at day precision, say): the versions current at
    /// some point during it. Without it, _at is the single instant <see cref="At"/>.
    /// </summary>
    public DateTimeOffset? AtEnd { get; init; }
}

/// <summary>One page of history, newest first.</summary>
/// <param name="NextBefore">The cursor for the next (older) page, or null when there is none.</param>
public sealed record HistoryPage(IReadOnlyList<StoredResource> Versions, int? Total, long? NextBefore);
