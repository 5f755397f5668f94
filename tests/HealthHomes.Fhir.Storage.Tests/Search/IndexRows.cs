using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Writes index rows for one seeded resource, in the shapes of the index row contract.</summary>
public sealed class IndexRows
{
    private readonly IndexedResourceSeeder _seeder;
    private readonly string _type;
    private readonly long _key;

    internal IndexRows(IndexedResourceSeeder seeder, string type, long key) => (_seeder, _type, _key) = (seeder, type, key);

    /// <summary>A token row: Coding (system, code, display), Identifier (system, value, type text, "typeSystem|typeCode") or a primitive.</summary>
    public IndexRows Token(string code, string? system, string? value, string? text = null, string? identifierType = null)
    {
        _seeder.Execute("INSERT INTO TokenIndex (ResourceKey, SearchParameterId, System, Code, Text, IdentifierType) VALUES ($k, $p, $s, $c, $t, $i)",
            ("$k", _key), ("$p", Id(code)), ("$s", system), ("$c", value), ("$t", text is null ? null : TextNormalizer.Normalize(text)), ("$i", identifierType));
        return this;
    }

    /// <summary>One string part (a family name, a given name, an address line...).</summary>
    public IndexRows String(string code, string value)
    {
        _seeder.Execute("INSERT INTO StringIndex (ResourceKey, SearchParameterId, Normalized, Value) VALUES ($k, $p, $n, $v)",
            ("$k", _key), ("$p", Id(code)), ("$n", TextNormalizer.Normalize(value)), ("$v", value));
        return this;
    }

    /// <summary>A date range, inclusive, from two instants written in full (e.g. 1974 = 1974-01-01T00:00:00Z .. 1974-12-31T23:59:59.9999999Z).</summary>
    public IndexRows Date(string code, string start, string end)
    {
        _seeder.Execute("INSERT INTO DateIndex (ResourceKey, SearchParameterId, Start, \"End\") VALUES ($k, $p, $s, $e)",
            ("$k", _key), ("$p", Id(code)), ("$s", Ticks(start)), ("$e", Ticks(end)));
        return this;
    }

    /// <summary>A whole UTC day, as the indexer writes a date "yyyy-MM-dd".</summary>
    public IndexRows Day(string code, string day)
        => Date(code, day + "T00:00:00Z", day + "T23:59:59.9999999Z");

    /// <summary>A reference: "Patient/1" (type and id), an absolute URL (Url plus type and id from its last segments) or a canonical.</summary>
    public IndexRows Reference(string code, string reference, bool canonical = false)
    {
        string? url = null, type = null, id = null;
        var segments = reference.Split('/');
        if (reference.Contains("://", StringComparison.Ordinal))
        {
            url = reference;
        }

        if (!canonical && segments.Length >= 2)
        {
            (type, id) = (segments[^2], segments[^1]);
        }

        _seeder.Execute("INSERT INTO ReferenceIndex (ResourceKey, SearchParameterId, TargetType, TargetId, TargetVersion, Url) VALUES ($k, $p, $t, $i, NULL, $u)",
            ("$k", _key), ("$p", Id(code)), ("$t", type), ("$i", id), ("$u", url));
        if (type == "Patient")
        {
            // The store writes the Patients a resource references with its index rows, and keeps them on delete.
            _seeder.Execute("INSERT OR IGNORE INTO MemberLink (ResourceKey, PatientId) VALUES ($k, $i)", ("$k", _key), ("$i", id));
        }

        return this;
    }

    /// <summary>A number as the range its precision implies (100 -> 99.5..100.5).</summary>
    public IndexRows Number(string code, double low, double high)
    {
        _seeder.Execute("INSERT INTO NumberIndex (ResourceKey, SearchParameterId, Low, High) VALUES ($k, $p, $l, $h)",
            ("$k", _key), ("$p", Id(code)), ("$l", low), ("$h", high));
        return this;
    }

    public IndexRows Quantity(string code, double low, double high, string? system, string? unitCode, string? unit)
    {
        _seeder.Execute("INSERT INTO QuantityIndex (ResourceKey, SearchParameterId, System, Code, Unit, Low, High) VALUES ($k, $p, $s, $c, $u, $l, $h)",
            ("$k", _key), ("$p", Id(code)), ("$s", system), ("$c", unitCode), ("$u", unit), ("$l", low), ("$h", high));
        return this;
    }

    public IndexRows Uri(string code, string uri)
    {
        _seeder.Execute("INSERT INTO UriIndex (ResourceKey, SearchParameterId, Uri) VALUES ($k, $p, $u)", ("$k", _key), ("$p", Id(code)), ("$u", uri));
        return this;
    }

    private int Id(string code)
        => IndexedResourceSeeder.Registry.TryGet(_type, code, out var info) ? info.Id : throw new ArgumentException($"{_type} has no parameter {code}");

    private static long Ticks(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).UtcTicks;
}
