using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Indexing.Converters;

/// <summary>URI index values: uri, url, canonical, oid, uuid, exact.</summary>
public static class ValueToUris
{
    public static IEnumerable<string> Convert(Base value)
        => value is PrimitiveType p && p.ToString() is { Length: > 0 } s ? [s] : [];
}
