using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Indexing.Converters;

/// <summary>String index values: a primitive string, every part of a HumanName, every part of an Address.</summary>
public static class ValueToStrings
{
    public static IEnumerable<string> Convert(Base value) => value switch
    {
        HumanName n => NonEmpty([n.Family, n.Text, .. n.Given ?? [], .. n.Prefix ?? [], .. n.Suffix ?? []]),
        Address a => NonEmpty([a.City, a.District, a.State, a.PostalCode, a.Country, a.Text, .. a.Line ?? []]),
        PrimitiveType p when p.JsonValue is string s && !string.IsNullOrWhiteSpace(s) => [s],
        _ => [],
    };

    private static IEnumerable<string> NonEmpty(string?[] parts) => parts.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!);
}
