namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Resources of several types with ids of every legal shape, tags, security labels and known lastUpdated instants.</summary>
public sealed class CommonParameterFixture : IndexedResourceSeeder
{
    public CommonParameterFixture()
    {
        Add("Patient", "123", r => r.Token("_tag", "urn:hh", "pilot"), At("2024-03-01T10:00:00Z"));
        Add("Patient", "2.16.840.1.113883.19.5", r => r.Token("_security", "http://terminology.hl7.org/CodeSystem/v3-ActCode", "PSY"), At("2024-03-02T10:00:00Z"));
        Add("Patient", "a-b", null, At("2024-04-01T00:00:00Z"));
        Add("Observation", "123", r => r.Token("_tag", "urn:hh", "pilot"), At("2024-03-01T12:00:00Z"));
        Add("Practitioner", "x", r => r.Token("_tag", "urn:hh", "other"), At("2024-05-01T00:00:00Z"));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class CommonParameterSearchTests(CommonParameterFixture db) : IClassFixture<CommonParameterFixture>
{
    [Theory]
    [InlineData("_id=123", "123")]
    [InlineData("_id=2.16.840.1.113883.19.5", "2.16.840.1.113883.19.5")]
    [InlineData("_id=123,a-b,nosuch", "123,a-b")]
    [InlineData("_tag=urn:hh|pilot", "123")]
    [InlineData("_security=PSY", "2.16.840.1.113883.19.5")]
    [InlineData("_lastUpdated=2024-03", "123,2.16.840.1.113883.19.5")]
    [InlineData("_lastUpdated=ge2024-03-02", "2.16.840.1.113883.19.5,a-b")]
    [InlineData("_lastUpdated=lt2024-03-01T10:00:01Z", "123")]
    [InlineData("_lastUpdated=2024-03-01T10:00", "123")]
    [InlineData("_lastUpdated=gt2024-03&_lastUpdated=lt2025", "a-b")]
    public async Task Patient_common_parameters(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("Patient", query));

    [Fact]
    public async Task A_long_id_list_is_one_bound_value()
    {
        var ids = string.Join(",", Enumerable.Range(0, 5000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["123"], await db.IdsAsync("Patient", "_id=" + ids));
    }

    [Theory]
    // system-level search: common parameters over every type
    [InlineData("_id=123", "123,123")]
    [InlineData("_tag=pilot", "123,123")]
    [InlineData("_tag=urn:hh|", "123,123,x")]
    [InlineData("_type=Patient,Practitioner&_tag=urn:hh|", "123,x")]
    [InlineData("_type=Observation", "123")]
    [InlineData("_lastUpdated=ge2024-04", "a-b,x")]
    [InlineData("_type=Practitioner&_lastUpdated=ge2024-04", "x")]
    public async Task System_level(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync(null, query));

    [Fact]
    public async Task System_level_with_an_unknown_type_is_invalid()
        => await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync(null, "_type=Nothing"));

    [Fact]
    public async Task Unknown_resource_type_is_invalid()
        => await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Nothing", "_id=1"));

    [Theory]
    [InlineData("nosuch=1")]
    [InlineData("_text=cough")]
    [InlineData("_content=cough")]
    [InlineData("_filter=name eq x")]
    [InlineData("_query=special")]
    public async Task Unknown_or_unsupported_parameters_are_reported_and_left_out_of_self(string query)
    {
        var result = await db.SearchAsync("Patient", query + "&_id=123");
        Assert.Equal([query.Split('=')[0]], result.IgnoredParameters);
        Assert.Equal([new("_id", "123")], result.SelfParameters);
        Assert.Equal(["123"], result.Matches.Select(m => m.Id));
        var e = await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Patient", query, strict: true));
        Assert.Equal(query.Split('=')[0], e.Expression);
    }

    [Fact]
    public async Task Composite_parameters_are_reported()
    {
        var result = await db.SearchAsync("Observation", "code-value-quantity=1234-5$5.4");
        Assert.Equal(["code-value-quantity"], result.IgnoredParameters);
    }

    [Fact]
    public async Task Presentation_parameters_are_consumed_silently()
    {
        var result = await db.SearchAsync("Patient", "_id=123&_elements=id&_format=json&_pretty=true&_summary=true");
        Assert.Empty(result.IgnoredParameters);
        Assert.Equal([new("_id", "123")], result.SelfParameters);
        Assert.Single(result.Matches);
    }
}
