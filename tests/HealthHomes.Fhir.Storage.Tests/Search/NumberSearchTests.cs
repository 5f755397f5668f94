namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Seeded RiskAssessment.probability values as ranges of their precision.</summary>
public sealed class NumberSearchFixture : IndexedResourceSeeder
{
    public NumberSearchFixture()
    {
        Add("RiskAssessment", "r100", r => r.Number("probability", 99.5, 100.5));       // 100
        Add("RiskAssessment", "r100.0", r => r.Number("probability", 99.95, 100.05));   // 100.0
        Add("RiskAssessment", "r100.3", r => r.Number("probability", 100.25, 100.35));  // 100.3
        Add("RiskAssessment", "r0.5", r => r.Number("probability", 0.45, 0.55));        // 0.5
        Add("RiskAssessment", "none");
    }
}

public sealed class NumberSearchTests(NumberSearchFixture db) : IClassFixture<NumberSearchFixture>
{
    [Theory]
    // "[parameter]=100: Values that equal 100, to 3 significant figures precision, so this is actually searching for values in the range [99.5 ... 100.5)"
    [InlineData("probability=100", "r100,r100.0,r100.3")]
    // "[parameter]=100.00: values in the range [99.995 ... 100.005)"
    [InlineData("probability=100.0", "r100,r100.0")]
    [InlineData("probability=1e2", "r100,r100.0,r100.3")]
    // "lt100: Values that are less than exactly 100"
    [InlineData("probability=lt100", "r0.5")]
    // "le100: Values that are less or equal to exactly 100"
    [InlineData("probability=le100", "r0.5,r100,r100.0")]
    [InlineData("probability=gt100", "r100.3")]
    [InlineData("probability=ge100", "r100,r100.0,r100.3")]
    [InlineData("probability=ne100.0", "r0.5,r100.3")]
    // "ap100: values within 10% of 100"
    [InlineData("probability=ap100", "r100,r100.0,r100.3")]
    [InlineData("probability=0.5,100.3", "r0.5,r100.3")]
    [InlineData("probability=gt0.4&probability=lt1", "r0.5")]
    [InlineData("probability:missing=true", "none")]
    public async Task RiskAssessment_probability(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("RiskAssessment", query));

    [Theory]
    [InlineData("probability=abc")]
    [InlineData("probability=gt")]
    public async Task Malformed_numbers_are_invalid(string query)
        => await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("RiskAssessment", query));
}
