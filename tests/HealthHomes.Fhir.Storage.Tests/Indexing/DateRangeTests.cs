using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Tests.Indexing;

/// <summary>Dates of any precision become the inclusive range they cover, in UTC ticks.</summary>
public sealed class DateRangeTests
{
    [Theory]
    // value, first instant covered, last instant covered (UTC)
    [InlineData("1974", "1974-01-01T00:00:00.0000000Z", "1974-12-31T23:59:59.9999999Z")]
    [InlineData("2015-03", "2015-03-01T00:00:00.0000000Z", "2015-03-31T23:59:59.9999999Z")]
    [InlineData("2024-02-29", "2024-02-29T00:00:00.0000000Z", "2024-02-29T23:59:59.9999999Z")]
    [InlineData("2015-03-01T10:00", "2015-03-01T10:00:00.0000000Z", "2015-03-01T10:00:59.9999999Z")]
    [InlineData("2015-03-01T10:00:05Z", "2015-03-01T10:00:05.0000000Z", "2015-03-01T10:00:05.9999999Z")]
    [InlineData("2015-03-01T10:00:05.123-06:00", "2015-03-01T16:00:05.1230000Z", "2015-03-01T16:00:05.1239999Z")]
    [InlineData("2015-12-31T23:30:00+14:00", "2015-12-31T09:30:00.0000000Z", "2015-12-31T09:30:00.9999999Z")]
    public void Parses_each_precision_to_the_range_it_covers(string value, string start, string end)
    {
        Assert.True(DateRange.TryParse(value, out var range));

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, range.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, range.End);
    }

    [Theory]
    [InlineData("")]
    [InlineData("74")]
    [InlineData("2015-13")]
    [InlineData("2015-02-30")]
    [InlineData("2015-03-01T25:00")]
    [InlineData("2015-03-01 10:00")]
    [InlineData("yesterday")]
    public void Rejects_what_is_not_a_FHIR_date(string value)
    {
        Assert.False(DateRange.TryParse(value, out _));
    }
}
