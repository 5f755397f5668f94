using HealthHomes.Fhir.Storage.Schema;

namespace HealthHomes.Fhir.Storage.Indexing;

/// <summary>The index rows of one resource version, grouped by table, before they get their ResourceKey.</summary>
public sealed class ResourceIndexEntries
{
    public List<TokenIndexRow> Tokens { get; } = [];
    public List<StringIndexRow> Strings { get; } = [];
    public List<DateIndexRow> Dates { get; } = [];
    public List<ReferenceIndexRow> References { get; } = [];
    public List<NumberIndexRow> Numbers { get; } = [];
    public List<QuantityIndexRow> Quantities { get; } = [];
    public List<UriIndexRow> Uris { get; } = [];

    public int Count => Tokens.Count + Strings.Count + Dates.Count + References.Count + Numbers.Count + Quantities.Count + Uris.Count;
}
