namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Seeded Observation codes and Patient identifiers for token search.</summary>
public sealed class TokenSearchFixture : IndexedResourceSeeder
{
    public TokenSearchFixture()
    {
        // o1: a LOINC coding with display "Glucose"; status final
        Add("Observation", "o1", r => r.Token("code", "http://loinc.org", "1234-5", "Glucose").Token("status", "http://hl7.org/fhir/observation-status", "final"));
        // o2: a coding with no system, and a SNOMED coding displayed "Blood sugar"
        Add("Observation", "o2", r => r.Token("code", null, "1234-5").Token("code", "http://snomed.info/sct", "999", "Blood sugar"));
        // o3: a CodeableConcept with only text: no indexable code
        Add("Observation", "o3", r => r.Token("code", null, null, "Glucose, free text"));
        // o4: no code at all
        Add("Observation", "o4");
        // o5: a code with a comma in it
        Add("Observation", "o5", r => r.Token("code", "urn:odd", "a,b"));
        Add("Patient", "p1", r => r
            .Token("identifier", "urn:mrn", "123", "Medical record number", "http://terminology.hl7.org/CodeSystem/v2-0203|MR")
            .Token("active", null, "true"));
        Add("Patient", "p2", r => r.Token("identifier", "urn:other", "123").Token("active", null, "false"));
    }
}

public sealed class TokenSearchTests(TokenSearchFixture db) : IClassFixture<TokenSearchFixture>
{
    [Theory]
    // [parameter]=[code]: "the value of [code] matches a Coding.code or Identifier.value irrespective of the value of the system property"
    [InlineData("code=1234-5", "o1,o2")]
    // [parameter]=[system]|[code]: "the value of [code] matches a Coding.code or Identifier.value, and the value of [system] matches the system property"
    [InlineData("code=http://loinc.org|1234-5", "o1")]
    // [parameter]=|[code]: "the value of [code] matches a Coding.code or Identifier.value, and the Coding/Identifier has no system property"
    [InlineData("code=|1234-5", "o2")]
    // [parameter]=[system]|: "any element where the value of [system] matches the system property of the Identifier or Coding"
    [InlineData("code=http://snomed.info/sct|", "o2")]
    // OR: comma-separated values
    [InlineData("code=http://loinc.org|1234-5,999", "o1,o2")]
    // AND: repeated parameters
    [InlineData("code=1234-5&code=999", "o2")]
    // :not "reverses the code matching": resources with no matching row, including those with no value
    [InlineData("code:not=1234-5", "o3,o4,o5")]
    // :missing=true: "no value ... (including ... a CodeableConcept with only text)"
    [InlineData("code:missing=true", "o3,o4")]
    [InlineData("code:missing=false", "o1,o2,o5")]
    // :text: "the search parameter is tested against the text/display" (normalised starts-with)
    [InlineData("code:text=GLUC", "o1,o3")]
    [InlineData("code:text=blood", "o2")]
    // an escaped comma is part of the value, not an OR
    [InlineData(@"code=urn:odd|a\,b", "o5")]
    [InlineData("status=final", "o1")]
    public async Task Observation_code(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("Observation", query));

    [Theory]
    [InlineData("identifier=123", "p1,p2")]
    [InlineData("identifier=urn:mrn|123", "p1")]
    // :of-type: "type-system|type-code|value"
    [InlineData("identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|123", "p1")]
    [InlineData("identifier:text=medical rec", "p1")]
    // boolean tokens
    [InlineData("active=true", "p1")]
    [InlineData("active=false", "p2")]
    public async Task Patient_identifier_and_boolean(string query, string expected)
        => Assert.Equal(expected.Split(','), await db.IdsAsync("Patient", query));

    [Fact]
    public async Task Of_type_with_no_match_in_the_type_finds_nothing()
        => Assert.Empty(await db.IdsAsync("Patient", "identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|SS|123"));

    [Theory]
    [InlineData("code:in=http://x/vs")]
    [InlineData("code:below=1234")]
    public async Task Unsupported_modifiers_are_reported_not_matched(string query)
    {
        var result = await db.SearchAsync("Observation", query);
        Assert.Equal([query.Split('=')[0]], result.IgnoredParameters);
        Assert.Empty(result.SelfParameters);
        await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Observation", query, strict: true));
    }

    [Theory]
    [InlineData("code:missing=maybe")]
    [InlineData("identifier:of-type=a|b")]
    [InlineData("code=a|b|c")]
    public async Task Malformed_token_values_are_invalid(string query)
    {
        var e = await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync(query.StartsWith("identifier", StringComparison.Ordinal) ? "Patient" : "Observation", query));
        Assert.Equal(query.Split('=')[0], e.Expression);
    }
}
