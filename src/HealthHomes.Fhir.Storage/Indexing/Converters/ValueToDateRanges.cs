using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Indexing.Converters;

/// <summary>Date index values: date, dateTime, instant to their precision; Period start..end (open ends unbounded); Timing bounds.</summary>
public static class ValueToDateRanges
{
    public static IEnumerable<DateRange> Convert(Base value)
    {
        switch (value)
        {
            case Date or FhirDateTime or Instant or FhirString:
                if (DateRange.TryParse(((PrimitiveType)value).ToString(), out var r))
                {
                    yield return r;
                }

                break;
            case Period p:
                if (p.Start is null && p.End is null)
                {
                    break;
                }

                var start = DateRange.TryParse(p.Start, out var s) ? s.Start : DateRange.Unbounded.Start;
                var end = DateRange.TryParse(p.End, out var e) ? e.End : DateRange.Unbounded.End;
                yield return new DateRange(start, end);
                break;
            case Timing t:
                var events = (t.EventElement ?? []).Select(ev => DateRange.TryParse(ev.Value, out var er) ? er : (DateRange?)null).OfType<DateRange>().ToList();
                if (t.Repeat?.Bounds is Period bounds)
                {
                    events.AddRange(Convert(bounds));
                }

                if (events.Count > 0)
                {
                    yield return new DateRange(events.Min(x => x.Start), events.Max(x => x.End));
                }

                break;
        }
    }
}
