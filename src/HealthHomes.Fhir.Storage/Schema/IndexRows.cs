namespace HealthHomes.Fhir.Storage.Schema;

// Index tables: one per search parameter type, holding rows for current versions only. Every row carries the
// owning resource's ResourceKey and the small-int SearchParameterId of (resource type, code).

public abstract class IndexRow
{
    public long Id { get; set; }
    public long ResourceKey { get; set; }
    public int SearchParameterId { get; set; }
}

/// <summary>Token values (Coding, Identifier, code, boolean, ContactPoint...). <see cref="Text"/> is normalised display text for :text.</summary>
public sealed class TokenIndexRow : IndexRow
{
    public string? System { get; set; }
    public string? Code { get; set; }
    public string? Text { get; set; }

    /// <summary>For identifiers: Identifier.type coding as "system|code", for :of-type.</summary>
    public string? IdentifierType { get; set; }
}

/// <summary>String values: <see cref="Normalized"/> is lower-cased without accents (default and :contains), <see cref="Value"/> is exact.</summary>
public sealed class StringIndexRow : IndexRow
{
    public required string Normalized { get; set; }
    public required string Value { get; set; }
}

/// <summary>Dates as an inclusive range of UTC ticks [Start, End] (a date, a dateTime to its precision, a Period, a Timing's bounds).</summary>
public sealed class DateIndexRow : IndexRow
{
    public long Start { get; set; }
    public long End { get; set; }
}

/// <summary>References: local (TargetType/TargetId[/_history/TargetVersion]) or absolute/canonical (<see cref="Url"/>).</summary>
public sealed class ReferenceIndexRow : IndexRow
{
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }
    public string? TargetVersion { get; set; }
    public string? Url { get; set; }
}

/// <summary>Numbers as the range implied by their precision, [Low, High].</summary>
public sealed class NumberIndexRow : IndexRow
{
    public double Low { get; set; }
    public double High { get; set; }
}

/// <summary>Quantities (also Money, Duration, Age...) as a range with system, code and unit.</summary>
public sealed class QuantityIndexRow : IndexRow
{
    public string? System { get; set; }
    public string? Code { get; set; }
    public string? Unit { get; set; }
    public double Low { get; set; }
    public double High { get; set; }
}

/// <summary>URIs, URLs and canonicals, exact.</summary>
public sealed class UriIndexRow : IndexRow
{
    public required string Uri { get; set; }
}
