using System.Globalization;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>The kind of value a sort key holds (and its cursor encodes).</summary>
internal enum SortValueType
{
    Text,
    Integer,
    Real,
}

/// <summary>
/// One _sort key (https://hl7.org/fhir/R4/search.html#sort). Multi-valued parameters sort ascending by their
/// smallest value and descending by their largest (dates: by Start ascending, by End descending). Resources without
/// a value sort last in either direction; ties are broken by ResourceKey.
/// </summary>
internal sealed record SortKey(string Code, bool Descending, ParameterTarget? Target)
{
    public SortValueType ValueType => Code switch
    {
        "_id" => SortValueType.Text,
        "_lastUpdated" => SortValueType.Integer,
        _ => Target!.Type switch
        {
            SearchParamType.Date => SortValueType.Integer,
            SearchParamType.Number or SearchParamType.Quantity => SortValueType.Real,
            _ => SortValueType.Text,
        },
    };

    /// <summary>"-date" or "name", for the echoed _sort value.</summary>
    public override string ToString() => (Descending ? "-" : "") + Code;

    public static bool CanSort(ParameterTarget target)
        => target.Kind is not null && target.Type is not SearchParamType.Composite and not SearchParamType.Special;

    /// <summary>The key's value for the Resource row <paramref name="resource"/>, as a scalar SQL expression.</summary>
    public string ToSql(string resource)
    {
        if (Code == "_id")
        {
            return $"{resource}.LogicalId";
        }

        if (Code == "_lastUpdated")
        {
            return $"{resource}.LastUpdated";
        }

        var target = Target!;
        var aggregate = Descending ? "MAX" : "MIN";
        var column = target.Kind switch
        {
            IndexKind.String => "Normalized",
            IndexKind.Date => Descending ? "\"End\"" : "Start",
            IndexKind.Token => "Code",
            IndexKind.Number or IndexKind.Quantity => Descending ? "High" : "Low",
            IndexKind.Uri => "Uri",
            IndexKind.Reference => "COALESCE(Url, TargetType || '/' || TargetId)",
            _ => throw new InvalidOperationException("not sortable"),
        };
        var ids = string.Join(",", target.Ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        return $"(SELECT {aggregate}({column}) FROM {IndexTables.Name(target.Kind!.Value)} WHERE ResourceKey = {resource}.ResourceKey AND SearchParameterId IN ({ids}))";
    }
}
