using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// A date search value as the inclusive range of UTC ticks its precision implies, by the same conversion the indexer
/// applies to resource values (<see cref="DateRange"/>): "1974" is 1974-01-01T00:00:00Z .. 1974-12-31T23:59:59.9999999Z;
/// "2015-03-01T10:00" is that minute. A value without a zone is taken as UTC.
/// </summary>
internal sealed record DateSearchValue(string Prefix, long Start, long End)
{
    public static DateSearchValue Parse(string raw, string parameter)
    {
        var (prefix, text) = SearchValueSyntax.Prefix(raw);
        if (!DateRange.TryParse(text, out var range))
        {
            throw new InvalidSearchException($"'{raw}' is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fff]][Z|(+|-)hh:mm].", parameter);
        }

        return new DateSearchValue(prefix, range.Start, range.End);
    }
}
