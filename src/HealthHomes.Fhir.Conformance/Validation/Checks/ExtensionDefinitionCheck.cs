using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// Every extension is checked against its own definition (found by url): value types, nested extensions, its
/// constraints. An extension whose definition the server does not hold is reported as information.
/// </summary>
internal static class ExtensionDefinitionCheck
{
    public static void Check(Extension extension, NodeRef node, WalkContext ctx)
    {
        // Nested extensions of a complex extension carry relative names; their parent's definition checks them.
        if (extension.Url is not { } url || !url.Contains(':', StringComparison.Ordinal))
        {
            return;
        }

        var plan = ctx.Plans.Get(ctx.Set, url);
        if (plan is null)
        {
            ctx.Information(OperationOutcome.IssueType.Extension, node.Path, $"Extension {url} is not defined on this server; only its base structure was checked.");
            return;
        }

        if (plan.Type != "Extension")
        {
            ctx.Error(OperationOutcome.IssueType.Extension, node.Path, $"{url} is not an extension definition.");
            return;
        }

        Walking.InstanceWalker.Element(plan.Root, extension, node, ctx, basePass: false);
    }
}
