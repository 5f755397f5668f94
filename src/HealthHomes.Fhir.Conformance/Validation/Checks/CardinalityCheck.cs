using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

internal static class CardinalityCheck
{
    public static void Check(ElementPlan element, int count, NodeRef parent, WalkContext ctx, string? slice = null)
    {
        if (count >= element.Min && count <= element.Max)
        {
            return;
        }

        var what = slice is null ? $"'{element.Path}'" : $"slice '{slice}' of '{element.Path}'";
        var max = element.Max == int.MaxValue ? "*" : element.Max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var code = count < element.Min ? OperationOutcome.IssueType.Required : OperationOutcome.IssueType.Structure;
        ctx.Error(code, parent.PathOf(element.Name), $"Element {what} occurs {count} time(s); allowed {element.Min}..{max}.");
    }
}
