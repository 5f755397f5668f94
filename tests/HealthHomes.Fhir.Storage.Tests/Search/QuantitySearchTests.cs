namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Seeded Observation.valueQuantity values.</summary>
public sealed class QuantitySearchFixture : IndexedResourceSeeder
{
    public QuantitySearchFixture()
    {
        // 5.4 mg (UCUM)
        Add("Observation", "ucum", r => r.Quantity("value-quantity", 5.35, 5.45, "http://unitsofmeasure.org", "mg", "mg"));
        // 5.4 with only a unit text "mg"
        Add("Observation", "unit", r => r.Quantity("value-quantity", 5.35, 5.45, null, null, "mg"));
        // 7 mmol/L (UCUM)
        Add("Observation", "mmol", r => r.Quantity("value-quantity", 6.5, 7.5, "http://unitsofmeasure.org", "mmol/L", "mmol/l"));
    }
}

public sealed class QuantitySearchTests(QuantitySearchFixture db) : IClassFixture<QuantitySearchFixture>
{
    [Theory]
    // "5.4|http://unitsofmeasure.org|mg: 5.4(+/-0.05) mg where the unit is in the UCUM system"
    [InlineData("value-quantity=5.4|http://unitsofmeasure.org|mg", "ucum")]
    // "5.4||mg: 5.4(+/-0.05) mg, with the units as the code or the unit, any system"
    [InlineData("value-quantity=5.4||mg", "ucum,unit")]
    // "5.4: 5.4(+/-0.05) in any units"
    [InlineData("value-quantity=5.4", "ucum,unit")]
    [InlineData("value-quantity=gt5", "mmol,ucum,unit")]
    [InlineData("value-quantity=le5.4|http://unitsofmeasure.org|mmol/L", "")]
    [InlineData("value-quantity=ge5.4|http://unitsofmeasure.org|mmol/L", "mmol")]
    [InlineData("value-quantity=5.4||mg,7||mmol/L", "mmol,ucum,unit")]
    public async Task Observation_value_quantity(string query, string expected)
        => Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await db.IdsAsync("Observation", query));

    [Theory]
    [InlineData("value-quantity=5.4|mg")]
    [InlineData("value-quantity=big||mg")]
    public async Task Malformed_quantities_are_invalid(string query)
        => await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Observation", query));
}
