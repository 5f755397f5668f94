namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Seeded Patient names and addresses: one StringIndex row per name part.</summary>
public sealed class StringSearchFixture : IndexedResourceSeeder
{
    public StringSearchFixture()
    {
        Add("Patient", "p1", r => r.String("family", "Smith").String("given", "John").String("name", "Smith").String("name", "John"));
        Add("Patient", "p2", r => r.String("family", "Ábalos").String("given", "Eve").String("name", "Ábalos").String("name", "Eve"));
        Add("Patient", "p3", r => r.String("family", "Smithson").String("name", "Smithson").String("address-city", "Springfield"));
        Add("Patient", "p4", r => r.String("address-city", "Boston").String("address", "1 Main St").String("address", "Boston"));
        // p5: a family name holding a comma and a LIKE wildcard
        Add("Patient", "p5", r => r.String("family", "O'Neil, 50%").String("name", "O'Neil, 50%"));
    }
}

public sealed class StringSearchTests(StringSearchFixture db) : IClassFixture<StringSearchFixture>
{
    [Theory]
    // default: "a field matches a search parameter if the value of the field equals or starts with the supplied
    // parameter value, after both have been normalized by case and accent"
    [InlineData("family=smith", "p1,p3")]
    [InlineData("family=SMITH", "p1,p3")]
    [InlineData("family=abalos", "p2")]
    [InlineData("family=Ábal", "p2")]
    [InlineData("name=eve", "p2")]
    [InlineData("name=jo", "p1")]
    // :exact: "the search parameter ... matches exactly (case and accent sensitive)"
    [InlineData("family:exact=Smith", "p1")]
    [InlineData("family:exact=Ábalos", "p2")]
    // :contains: "the search parameter ... matches anywhere in the field"
    [InlineData("family:contains=MITH", "p1,p3")]
    [InlineData("family:contains=50%", "p5")]
    [InlineData("address-city=bos", "p4")]
    [InlineData("address=1%20main", "p4")]
    [InlineData("address=bost", "p4")]
    // OR and AND
    [InlineData("family=smith,abalos", "p1,p2,p3")]
    [InlineData("family=smith&given=john", "p1")]
    // an escaped comma is a literal comma
    [InlineData(@"family=o'neil\, 5", "p5")]
    [InlineData("family:missing=true", "p4")]
    [InlineData("family:missing=false", "p1,p2,p3,p5")]
    public async Task Patient_names(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("Patient", query));

    [Theory]
    [InlineData("family:exact=smith")]
    [InlineData("family=%")]
    [InlineData("family:contains=_")]
    public async Task Nothing_matches(string query)
        => Assert.Empty(await db.IdsAsync("Patient", query));

    [Fact]
    public async Task Unknown_modifier_is_reported()
    {
        var result = await db.SearchAsync("Patient", "family:text=smith");
        Assert.Equal(["family:text"], result.IgnoredParameters);
        Assert.Equal(5, result.Matches.Count);
    }
}
