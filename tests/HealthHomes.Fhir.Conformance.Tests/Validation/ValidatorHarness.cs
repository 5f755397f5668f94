using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>A ProfileSource loaded with <see cref="TestProfiles"/> and a validator over it, shared per test class.</summary>
public sealed class ValidatorHarness
{
    public ValidatorHarness()
    {
        Source = new ProfileSource(R4BaseDefinitions.Instance);
        var problems = Source.ReplaceAllAsync(TestProfiles.All()).GetAwaiter().GetResult();
        Assert.Empty(problems);
        Validator = new ProfileValidator(Source, new ValidationOptions());
    }

    public ProfileSource Source { get; }

    internal ProfileValidator Validator { get; }

    public ValidationResult Validate(Resource resource, params string[] profiles) =>
        Validator.ValidateAsync(resource, profiles, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public static OperationOutcome.IssueComponent AssertIssue(
        ValidationResult result, OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, string expression, string? text = null)
    {
        var match = result.Issues.FirstOrDefault(i =>
            i.Severity == severity && i.Code == code && i.Expression.Contains(expression) && (text is null || (i.Diagnostics ?? string.Empty).Contains(text, StringComparison.Ordinal)));
        Assert.True(match is not null, $"Expected {severity} {code} at {expression} ({text}); got:\n{Describe(result)}");
        return match!;
    }

    public static void AssertNoErrors(ValidationResult result) =>
        Assert.True(result.IsValid, $"Expected no errors; got:\n{Describe(result)}");

    public static string Describe(ValidationResult result) =>
        string.Join("\n", result.Issues.Select(i => $"  {i.Severity} {i.Code} {string.Join(",", i.Expression)}: {i.Diagnostics}"));
}
