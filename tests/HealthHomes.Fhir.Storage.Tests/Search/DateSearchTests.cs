namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Seeded Observation.date values as the indexer writes them: inclusive UTC tick ranges of their precision.</summary>
public sealed class DateSearchFixture : IndexedResourceSeeder
{
    public DateSearchFixture()
    {
        // year: effectiveDateTime = 1974
        Add("Observation", "year", r => r.Date("date", "1974-01-01T00:00:00Z", "1974-12-31T23:59:59.9999999Z"));
        // day: effectiveDateTime = 1974-06-15
        Add("Observation", "day", r => r.Day("date", "1974-06-15"));
        // second: effectiveDateTime = 2015-03-01T10:00:30Z
        Add("Observation", "second", r => r.Date("date", "2015-03-01T10:00:30Z", "2015-03-01T10:00:30.9999999Z"));
        // period: effectivePeriod 2015-02-15 .. 2015-03-15
        Add("Observation", "period", r => r.Date("date", "2015-02-15T00:00:00Z", "2015-03-15T23:59:59.9999999Z"));
        // open: effectivePeriod start 2015-03-10, no end
        Add("Observation", "open", r => r.Date("date", "2015-03-10T00:00:00Z", "9999-12-31T23:59:59.9999999Z"));
        // none: no effective[x]
        Add("Observation", "none");
    }
}

public sealed class DateSearchTests(DateSearchFixture db) : IClassFixture<DateSearchFixture>
{
    [Theory]
    // eq: "the range of the search value fully contains the range of the target value"
    [InlineData("date=1974", "day,year")]
    [InlineData("date=eq1974-06", "day")]
    [InlineData("date=1974-06-15", "day")]
    [InlineData("date=2015-03-01T10:00", "second")]
    [InlineData("date=2015-03-01T10:00:30", "second")]
    [InlineData("date=2015-03-01T10:00:30Z", "second")]
    // a zone moves the range: 11:00+01:00 is 10:00Z
    [InlineData("date=2015-03-01T11:00%2B01:00", "second")]
    [InlineData("date=2015-03-01T09:00-01:00", "second")]
    // ne: "the range of the search value does not fully contain the range of the target value"
    [InlineData("date=ne1974", "open,period,second")]
    // gt: "the range above the search value intersects (i.e. overlaps) with the range of the target value"
    [InlineData("date=gt1974-06-15", "open,period,second,year")]
    [InlineData("date=gt2015-03", "open")]
    // lt: "the range below the search value intersects (i.e. overlaps) with the range of the target value"
    [InlineData("date=lt1974-06-15", "year")]
    [InlineData("date=lt2015-03-01T10:00", "day,period,year")]
    // ge: "the range above the search value intersects ... or the range of the search value fully contains the range of the target value"
    [InlineData("date=ge1974-06-15", "day,open,period,second,year")]
    [InlineData("date=ge2015-03", "open,second")]
    // le: "the range below the search value intersects ... or the range of the search value fully contains the range of the target value"
    [InlineData("date=le1974-06-15", "day,year")]
    [InlineData("date=le2015-03", "day,period,second,year")]
    // sa: "the range of the search value does not overlap with the range of the target value, and the range above the search value contains the range of the target value"
    [InlineData("date=sa1974", "open,period,second")]
    [InlineData("date=sa2015-03-01", "open")]
    // eb: "... and the range below the search value contains the range of the target value"
    [InlineData("date=eb2015-03", "day,year")]
    [InlineData("date=eb2015-03-16", "day,period,second,year")]
    // ap: "the range of the search value overlaps with the range of the target value", widened by 10% of the gap to now
    [InlineData("date=ap1974-06-15", "day,year")]
    // OR and AND
    [InlineData("date=1974,2015-03-01", "day,second,year")]
    [InlineData("date=ge2015-02&date=le2015-03", "period,second")]
    [InlineData("date:missing=true", "none")]
    public async Task Observation_date(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("Observation", query));

    [Theory]
    [InlineData("date=1974-13")]
    [InlineData("date=yesterday")]
    [InlineData("date=2015-03-01T10")]
    [InlineData("date=2015-02-30")]
    [InlineData("date=xx2015")]
    [InlineData("date=ge")]
    [InlineData("date=2015-03-01T10:00%2B25:00")]
    public async Task Malformed_dates_are_invalid_and_name_the_parameter(string query)
    {
        var e = await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Observation", query));
        Assert.Equal("date", e.Expression);
    }

    [Fact]
    public async Task Year_9999_does_not_overflow()
        => Assert.Equal(["open"], await db.IdsAsync("Observation", "date=gt9998"));
}
