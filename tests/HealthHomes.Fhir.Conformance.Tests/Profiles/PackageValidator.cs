using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using HealthHomes.Fhir.Conformance.Tests.Validation;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Tests.Profiles;

/// <summary>The validator over the real conformance package (profiles/), loaded once for all profile tests.</summary>
internal static class PackageValidator
{
    private static readonly Lazy<ProfileValidator> Shared = new(() =>
    {
        var source = new ProfileSource(R4BaseDefinitions.Instance);
        var definitions = ConformancePackage.LoadEmbedded().Resources.Where(r => r is StructureDefinition or ValueSet or CodeSystem);
        var problems = source.ReplaceAllAsync(definitions).GetAwaiter().GetResult();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => p.Diagnostics)));
        return new ProfileValidator(source, new ValidationOptions());
    });

    public static ValidationResult Validate(Resource resource, params string[] profiles) =>
        Shared.Value.ValidateAsync(resource, profiles, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Asserts an error at <paramref name="expression"/> whose diagnostics contain <paramref name="text"/>.</summary>
    public static void AssertError(Resource resource, string expression, string text) =>
        ValidatorHarness.AssertIssue(Validate(resource), OperationOutcome.IssueSeverity.Error, AnyCode(Validate(resource), expression, text), expression, text);

    private static OperationOutcome.IssueType AnyCode(ValidationResult result, string expression, string text) =>
        result.Issues.FirstOrDefault(i => i.Expression.Contains(expression) && (i.Diagnostics ?? "").Contains(text, StringComparison.Ordinal))?.Code
        ?? OperationOutcome.IssueType.Invalid;
}
