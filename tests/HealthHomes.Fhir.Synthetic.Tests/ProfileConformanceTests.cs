using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Synthetic.Tests;

/// <summary>Every generated resource that claims a package profile validates against it (the server's own validator).</summary>
public sealed class ProfileConformanceTests
{
    private static readonly Lazy<ProfileValidator> Validator = new(() =>
    {
        var source = new ProfileSource(R4BaseDefinitions.Instance);
        var definitions = ConformancePackage.LoadEmbedded().Resources.Where(r => r is StructureDefinition or ValueSet or CodeSystem);
        var problems = source.ReplaceAllAsync(definitions).GetAwaiter().GetResult();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => p.Diagnostics)));
        return new ProfileValidator(source, new ValidationOptions());
    });

    private static List<string> Errors(Resource resource)
    {
        var result = Validator.Value.ValidateAsync(resource, [], CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return [.. result.Issues
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName} {string.Join(",", i.Expression)}: {i.Diagnostics}")];
    }

    [Fact]
    public void The_resources_of_fifty_members_validate_against_their_claimed_profiles()
    {
        var resources = new SyntheticPanel(seed: 11, memberCount: 50).Members().SelectMany(b => b.Entry.Select(e => e.Resource!)).ToList();
        var claiming = resources.Where(r => r.Meta?.Profile.Any() == true).ToList();

        var errors = resources.SelectMany(Errors).Distinct().Take(30).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True(claiming.Count > 50 * 8, $"{claiming.Count} resources claim a profile");
        Assert.Superset(new HashSet<string> { "Patient", "EpisodeOfCare", "CareTeam", "Task", "CarePlan", "ServiceRequest" }, claiming.Select(r => r.TypeName).ToHashSet());
    }

    [Fact]
    public void The_directory_validates_against_its_claimed_profiles()
    {
        var errors = SyntheticPanel.Directory().Entry.SelectMany(e => Errors(e.Resource!)).Take(30).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Opt_out_consents_validate_against_hh_opt_out()
    {
        var consents = new SyntheticPanel(seed: 11, memberCount: 400).Members().SelectMany(b => b.Entry.Select(e => e.Resource)).OfType<Consent>().Take(20).ToList();

        Assert.NotEmpty(consents);
        Assert.All(consents, c => Assert.Empty(Errors(c)));
    }
}
