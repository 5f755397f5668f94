using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>fixed[x]: exactly equal; pattern[x]: every value in the pattern is present (SDK's PocoEqualityComparisons).</summary>
internal static class FixedPatternCheck
{
    public static void Check(ElementPlan element, Base value, NodeRef node, WalkContext ctx)
    {
        if (element.Fixed is { } fixedValue && !PocoEqualityComparisons.IsExactly(value, fixedValue))
        {
            ctx.Error(OperationOutcome.IssueType.Value, node.Path, $"Value of '{element.Path}' must be exactly {Describe(fixedValue)}.");
        }

        if (element.Pattern is { } pattern && !PatternMatcher.Matches(value, pattern))
        {
            ctx.Error(OperationOutcome.IssueType.Value, node.Path, $"Value of '{element.Path}' must match the pattern {Describe(pattern)}.");
        }
    }

    internal static string Describe(Base value) => value switch
    {
        PrimitiveType p => $"'{p}'",
        Coding c => $"{c.System}|{c.Code}",
        CodeableConcept cc => string.Join(" + ", cc.Coding.Select(c => $"{c.System}|{c.Code}")),
        _ => value.TypeName,
    };
}
