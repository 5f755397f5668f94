using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>The instance's type must be one the element allows (profiles narrow choice types, e.g. value[x]).</summary>
internal static class TypeCheck
{
    public static void Check(ElementPlan element, Base value, NodeRef node, WalkContext ctx)
    {
        var types = element.Types;
        if (types.Length == 0 || value is Resource)
        {
            return;
        }

        var actual = value.TypeName;
        foreach (var type in types)
        {
            if (type == actual || type is "Element" or "BackboneElement" || (type == "code" && value is Code))
            {
                return;
            }
        }

        ctx.Error(OperationOutcome.IssueType.Structure, node.Path, $"Type '{actual}' is not allowed for '{element.Path}' (allowed: {string.Join(", ", types)}).");
    }
}
