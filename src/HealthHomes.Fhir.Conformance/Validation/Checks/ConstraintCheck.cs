using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;
using Hl7.FhirPath;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// Invariants with their severity. One the engine cannot compile or evaluate (e.g. conformsTo(), memberOf() without
/// a terminology service) is reported as information naming the key: never passed silently.
/// </summary>
internal static class ConstraintCheck
{
    public static void Check(ElementPlan element, Base value, NodeRef node, WalkContext ctx)
    {
        foreach (var constraint in element.Constraints)
        {
            bool holds;
            if (constraint.Native is { } native)
            {
                holds = native(value);
            }
            else if (constraint.Compiled is { } compiled)
            {
                try
                {
                    holds = compiled.Predicate(node.Node, node.Evaluation);
                }
#pragma warning disable CA1031 // the engine's failure on one invariant is reported, and validation goes on
                catch (Exception e)
#pragma warning restore CA1031
                {
                    ctx.Information(OperationOutcome.IssueType.NotSupported, node.Path, $"Invariant {constraint.Key} could not be evaluated ({e.Message}); not checked.");
                    continue;
                }
            }
            else
            {
                ctx.Information(OperationOutcome.IssueType.NotSupported, node.Path, $"Invariant {constraint.Key} could not be compiled ({constraint.CompileError}); not checked.");
                continue;
            }

            if (!holds)
            {
                var severity = constraint.Severity == ConstraintSeverity.Warning ? OperationOutcome.IssueSeverity.Warning : OperationOutcome.IssueSeverity.Error;
                ctx.Add(severity, OperationOutcome.IssueType.Invariant, node.Path, $"{constraint.Key}: {constraint.Human}");
            }
        }
    }
}
