using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Validation.ValidatorHarness;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>Plans compile once; a profile swapped into the ProfileSource applies from the next validation on.</summary>
public sealed class PlanCachingTests
{
    [Fact]
    public void Validating_twice_compiles_each_definition_once()
    {
        var harness = new ValidatorHarness();
        harness.Validate(Examples.Attempt());
        var afterFirst = harness.Validator.Plans.CompileCount;
        Assert.True(afterFirst > 0);

        harness.Validate(Examples.Attempt());
        harness.Validate(Examples.Member());
        var afterMember = harness.Validator.Plans.CompileCount;
        harness.Validate(Examples.Member());
        harness.Validate(Examples.Attempt());

        Assert.Equal(afterMember, harness.Validator.Plans.CompileCount);
    }

    [Fact]
    public async System.Threading.Tasks.Task Updated_profile_takes_effect_and_removed_one_stops_applying()
    {
        var harness = new ValidatorHarness();
        var patient = Examples.Member();
        patient.Name.Clear();
        AssertIssue(harness.Validate(patient), Severity.Error, IssueType.Required, "Patient.name");

        Assert.Empty(await harness.Source.AddOrUpdateAsync([TestProfiles.PatientProfile(nameMin: 0)]));
        Assert.DoesNotContain(harness.Validate(patient).Issues, i => i.Expression.Contains("Patient.name") && i.Severity == Severity.Error);

        await harness.Source.RemoveAsync(TestProfiles.Patient);
        AssertIssue(harness.Validate(patient), Severity.Warning, IssueType.NotFound, "Patient.meta.profile[0]");
    }

    [Fact]
    public async System.Threading.Tasks.Task Unrelated_update_keeps_compiled_plans_of_profiles_with_snapshots()
    {
        var source = new ProfileSource(R4BaseDefinitions.Instance);
        var profile = TestProfiles.PatientProfile();
        await source.ReplaceAllAsync(TestProfiles.All());
        var stamp = source.Current.StampOf(TestProfiles.Population);
        await source.AddOrUpdateAsync([TestProfiles.LanguagesValueSet()]);
        Assert.Equal(stamp, source.Current.StampOf(TestProfiles.Population));
        Assert.NotNull(source.Current.FindStructureDefinition(profile.Url!)?.Snapshot);
    }
}
