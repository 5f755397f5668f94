namespace HealthHomes.Fhir.Storage.Indexing;

/// <summary>
/// Every search parameter the store indexes, by (resource type, code), each with its stable small-int id. Built
/// once at startup from R4's definitions plus any <see cref="ISearchParameterSource"/>; immutable afterwards.
/// </summary>
public sealed class SearchParameterRegistry
{
    private readonly Dictionary<(string Type, string Code), SearchParameterInfo> _byTypeAndCode = [];
    private readonly Dictionary<string, List<SearchParameterInfo>> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SearchParameterInfo> _byId = [];

    /// <param name="definitions">The definitions; a later one with the same (type, code) replaces an earlier one.</param>
    /// <param name="ids">The persisted id of every (type, code) in <paramref name="definitions"/>.</param>
    public SearchParameterRegistry(IEnumerable<SearchParameterDefinition> definitions, IReadOnlyDictionary<(string Type, string Code), int> ids)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var d in definitions)
        {
            var info = new SearchParameterInfo(ids[(d.ResourceType, d.Code)], d.ResourceType, d.Code, d.Type, d.Expression, d.Targets, d.Url, d.Components);
            _byTypeAndCode[(d.ResourceType, d.Code)] = info;
        }

        foreach (var info in _byTypeAndCode.Values)
        {
            if (!_byType.TryGetValue(info.ResourceType, out var list))
            {
                _byType[info.ResourceType] = list = [];
            }

            list.Add(info);
            _byId[info.Id] = info;
        }

        foreach (var list in _byType.Values)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        }
    }

    public IEnumerable<SearchParameterInfo> All => _byTypeAndCode.Values;

    public bool TryGet(string resourceType, string code, out SearchParameterInfo info)
        => _byTypeAndCode.TryGetValue((resourceType, code), out info!);

    public SearchParameterInfo? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>The parameters of one resource type, ordered by code.</summary>
    public IReadOnlyList<SearchParameterInfo> ForType(string resourceType)
        => _byType.TryGetValue(resourceType, out var list) ? list : [];
}
