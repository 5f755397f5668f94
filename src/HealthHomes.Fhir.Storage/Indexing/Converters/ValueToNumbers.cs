using System.Globalization;
using Hl7.Fhir.Model;
using HealthHomes.Fhir.Storage.Schema;

namespace HealthHomes.Fhir.Storage.Indexing.Converters;

/// <summary>Number and quantity index values as the range implied by the value's precision (100 -> 99.5..100.5).</summary>
public static class ValueToNumbers
{
    public static IEnumerable<NumberIndexRow> ConvertNumber(Base value)
    {
        if (value is PrimitiveType p && TryRange(p.ToString(), out var low, out var high))
        {
            yield return new NumberIndexRow { Low = low, High = high };
        }
    }

    public static IEnumerable<QuantityIndexRow> ConvertQuantity(Base value)
    {
        switch (value)
        {
            case Quantity q when q.Value is not null:
                var (low, high) = RangeOf(q.Value.Value);
                yield return new QuantityIndexRow { System = q.System, Code = q.Code, Unit = q.Unit, Low = low, High = high };
                break;
            case Money m when m.Value is not null:
                var (ml, mh) = RangeOf(m.Value.Value);
                yield return new QuantityIndexRow { System = "urn:iso:std:iso:4217", Code = m.Currency?.ToString(), Low = ml, High = mh };
                break;
            case Hl7.Fhir.Model.Range r when r.Low?.Value is not null || r.High?.Value is not null:
                var q0 = r.Low ?? r.High!;
                yield return new QuantityIndexRow
                {
                    System = q0.System,
                    Code = q0.Code,
                    Unit = q0.Unit,
                    Low = r.Low?.Value is decimal lo ? (double)lo : double.MinValue,
                    High = r.High?.Value is decimal hi ? (double)hi : double.MaxValue,
                };
                break;
        }
    }

    /// <summary>The range a decimal literal stands for: half a unit of its last digit either side.</summary>
    public static bool TryRange(string? literal, out double low, out double high)
    {
        low = high = 0;
        if (!decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        (low, high) = RangeOf(value);
        return true;
    }

    private static (double Low, double High) RangeOf(decimal value)
    {
        var scale = value.Scale;
        var half = 0.5m / Pow10(scale);
        return ((double)(value - half), (double)(value + half));
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++)
        {
            r *= 10;
        }

        return r;
    }
}
