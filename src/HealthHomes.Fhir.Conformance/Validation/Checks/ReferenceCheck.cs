using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// The type a literal reference points at (from "Type/id", an absolute URL ending so, or a contained "#id") must be
/// one of the targetProfile types. Conformance of the target to a non-core targetProfile cannot be checked without
/// the target (not resolved here): reported as information.
/// </summary>
internal static class ReferenceCheck
{
    public static void Check(ElementPlan element, ResourceReference reference, NodeRef node, WalkContext ctx)
    {
        var plan = element.References!;
        var type = TargetType(reference, node);
        if (type is not null && plan.AllowedTypes is { } allowed && !allowed.Contains(type))
        {
            ctx.Error(OperationOutcome.IssueType.Structure, node.Path,
                $"Reference to a {type} is not allowed for '{element.Path}' (allowed: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}).");
            return;
        }

        foreach (var profile in plan.ProfileTargets)
        {
            ctx.Information(OperationOutcome.IssueType.NotSupported, node.Path, $"Conformance of the referenced resource to {profile} is not checked.");
        }
    }

    private static string? TargetType(ResourceReference reference, NodeRef node)
    {
        if (reference.Reference is not { Length: > 0 } literal)
        {
            return reference.Type;
        }

        if (literal[0] == '#')
        {
            return node.ResourceScope.Value is DomainResource container
                ? container.Contained.FirstOrDefault(c => c.Id == literal[1..])?.TypeName
                : null;
        }

        if (literal.StartsWith("urn:", StringComparison.Ordinal))
        {
            return reference.Type;
        }

        var path = literal;
        var history = path.IndexOf("/_history/", StringComparison.Ordinal);
        if (history > 0)
        {
            path = path[..history];
        }

        var lastSlash = path.LastIndexOf('/');
        if (lastSlash <= 0)
        {
            return reference.Type;
        }

        var typeStart = path.LastIndexOf('/', lastSlash - 1) + 1;
        var type = path[typeStart..lastSlash];
        return ModelInfo.IsKnownResource(type) ? type : reference.Type;
    }
}
