using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;
using System.Text.RegularExpressions;
using Hl7.FhirPath;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// Invariants with their severity. One the engine cannot compile or evaluate (e.g. conformsTo(), memberOf() without
/// a terminology service) is reported as information naming the key: never passed silently. One that exceeds its
/// budget (a regular expression past its match timeout, or the validation past its time budget) is an error naming the
/// key: the resource is refused rather than stored unchecked or left to stall the server.
/// </summary>
internal static class ConstraintCheck
{
    public static void Check(ElementPlan element, Base value, NodeRef node, WalkContext ctx)
    {
        foreach (var constraint in element.Constraints)
        {
            if (ctx.IsOverBudget(constraint.Key, node.Path))
            {
                return;
            }

            bool holds;
            if (constraint.Native is { } native)
            {
                holds = native(value);
            }
            else if (constraint.Compiled is { } compiled)
            {
                BoundedRegexFunctions.TakeTimeout();
                try
                {
                    holds = compiled.Predicate(node.Node, node.Evaluation);
                }
                catch (Exception thrown) when (TimedOut(thrown) is { } e)
                {
                    ctx.Error(OperationOutcome.IssueType.TooCostly, node.Path,
                        $"{constraint.Key}: invariant not evaluated, its regular expression '{e.Pattern}' ran past the {e.MatchTimeout.TotalSeconds:0.#} s match limit; the resource is refused.");
                    continue;
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

    /// <summary>The engine wraps what a function throws (as a message): the timeout is the one this thread recorded, or in the chain.</summary>
    private static RegexMatchTimeoutException? TimedOut(Exception? e)
    {
        if (BoundedRegexFunctions.TakeTimeout() is { } recorded)
        {
            return recorded;
        }

        for (; e is not null; e = e.InnerException)
        {
            if (e is RegexMatchTimeoutException timeout)
            {
                return timeout;
            }
        }

        return null;
    }
}
