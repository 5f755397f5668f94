using HealthHomes.Fhir.Conformance.Tests.Package;
using HealthHomes.Fhir.Conformance.Tests.Validation;
using static HealthHomes.Fhir.Conformance.Tests.Package.PackageFiles;

namespace HealthHomes.Fhir.Conformance.Tests.Profiles;

/// <summary>Every example in examples/ against base R4 and the profile it claims (meta.profile): no error issues.</summary>
public class ExampleValidationTests
{
    [Theory]
    [MemberData(nameof(ExampleNames), MemberType = typeof(PackageFiles))]
    public void Example_validates_against_its_profile_without_errors(string file)
    {
        var result = PackageValidator.Validate(Example(file));
        ValidatorHarness.AssertNoErrors(result);

        // The only warnings: codes of an extensible binding's system outside its set (v2-0203 MA for a Medicaid number,
        // v3-ActCode OPTOUT), which the spec allows when no code of the set fits.
        Assert.All(
            result.Issues.Where(i => i.Severity == Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Warning),
            i => Assert.Contains("(extensible binding): allowed only when none of its codes fits", i.Diagnostics, StringComparison.Ordinal));
    }
}
