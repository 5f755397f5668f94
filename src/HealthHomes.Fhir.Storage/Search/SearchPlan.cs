namespace HealthHomes.Fhir.Storage.Search;

/// <summary>A parsed search: what to match, how to order and page, what to include, and how the request is echoed back.</summary>
internal sealed class SearchPlan
{
    public const int DefaultCount = 20;
    public const int MaxCount = 1000;

    /// <summary>The most OR values one parameter may carry (Patient?_id=a,b,...): beyond it, 400, not a query SQLite cannot parse.</summary>
    public const int MaxOrValues = 1000;

    public required string? ResourceType { get; init; }

    public List<SearchCriterion> Criteria { get; } = [];

    public List<SortKey> Sort { get; } = [];

    public int Count { get; set; } = DefaultCount;

    public TotalMode Total { get; set; } = TotalMode.Default;

    /// <summary>_summary=count: only the total.</summary>
    public bool SummaryCount { get; set; }

    public List<IncludeSpec> Includes { get; } = [];

    public string? Cursor { get; set; }

    /// <summary>The applied parameters, as sent, for the self link and as the base of next/previous.</summary>
    public List<KeyValuePair<string, string>> Self { get; } = [];

    public List<string> Ignored { get; } = [];
}

/// <summary>_total: accurate runs a count; none never reports one; otherwise only when it is known for free.</summary>
internal enum TotalMode
{
    Default,
    None,
    Estimate,
    Accurate,
}

/// <summary>
/// One _include or _revinclude. <see cref="ParameterIds"/> null means every reference (the '*' form); for _include
/// <see cref="TargetType"/> narrows the referenced type, for _revinclude it is not used.
/// </summary>
internal sealed record IncludeSpec(bool Reverse, IReadOnlyList<int>? ParameterIds, string? TargetType, bool Iterate);
