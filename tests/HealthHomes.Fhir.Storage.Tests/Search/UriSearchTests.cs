namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Seeded ValueSet.url values and Patient meta.profile.</summary>
public sealed class UriSearchFixture : IndexedResourceSeeder
{
    public UriSearchFixture()
    {
        Add("ValueSet", "a", r => r.Uri("url", "http://acme.org/fhir/ValueSet/a"));
        Add("ValueSet", "ab", r => r.Uri("url", "http://acme.org/fhir/ValueSet/a/b"));
        Add("ValueSet", "other", r => r.Uri("url", "http://other.org/fhir/ValueSet/a"));
        Add("ValueSet", "prefix", r => r.Uri("url", "http://acme.org/fhir/ValueSet/abc"));
        Add("Patient", "p1", r => r.Uri("_profile", "http://hh.org/StructureDefinition/member"));
        Add("Patient", "p2");
    }
}

public sealed class UriSearchTests(UriSearchFixture db) : IClassFixture<UriSearchFixture>
{
    [Theory]
    // exact by default: "the value is a URI and matches exactly"
    [InlineData("url=http://acme.org/fhir/ValueSet/a", "a")]
    // :below: "the URI is ... a path ... that matches the value and all that are below it"
    [InlineData("url:below=http://acme.org/fhir", "a,ab,prefix")]
    [InlineData("url:below=http://acme.org/fhir/ValueSet/a", "a,ab")]
    // :above: "the value and all URIs that are above it"
    [InlineData("url:above=http://acme.org/fhir/ValueSet/a/b/c", "a,ab")]
    [InlineData("url=http://acme.org/fhir/ValueSet/a,http://other.org/fhir/ValueSet/a", "a,other")]
    public async Task ValueSet_url(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("ValueSet", query));

    [Fact]
    public async Task Profile_is_a_uri_parameter()
        => Assert.Equal(["p1"], await db.IdsAsync("Patient", "_profile=http://hh.org/StructureDefinition/member"));
}
