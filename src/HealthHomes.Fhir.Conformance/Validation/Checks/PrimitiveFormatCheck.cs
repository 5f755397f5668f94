using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// Primitive values against the regex the R4 definition of their type gives (the "regex" extension on
/// [type].value), and maxLength. string and markdown are skipped: their regex admits any non-empty text.
/// </summary>
internal static class PrimitiveFormatCheck
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    public static void Check(ElementPlan element, PrimitiveType value, NodeRef node, WalkContext ctx)
    {
        if (value.JsonValue is not string text)
        {
            return;
        }

        if (element.MaxLength is { } max && text.Length > max)
        {
            ctx.Error(OperationOutcome.IssueType.TooLong, node.Path, $"Value of '{element.Path}' is {text.Length} characters long; at most {max} allowed.");
        }

        var type = value.TypeName;
        if (type is "string" or "markdown" or "xhtml")
        {
            return;
        }

        var regex = Patterns.TryGetValue(type, out var known) ? known : Patterns.GetOrAdd(type, t => Load(ctx.Set.Core, t));
        if (regex is not null && !regex.IsMatch(text))
        {
            ctx.Error(OperationOutcome.IssueType.Value, node.Path, $"'{text}' is not a valid {type}.");
        }
    }

    private static Regex? Load(R4BaseDefinitions core, string type)
    {
        if (core.Find(R4BaseDefinitions.CoreStructureDefinitionPrefix + type) is not StructureDefinition sd)
        {
            return null;
        }

        var pattern = sd.Snapshot?.Element
            .Where(e => e.Path == type + ".value")
            .SelectMany(e => e.Type)
            .SelectMany(t => t.Extension)
            .FirstOrDefault(x => x.Url == "http://hl7.org/fhir/StructureDefinition/regex")?.Value as FhirString;
        return pattern?.Value is { } p ? new Regex($"^(?:{p})$", RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) : null;
    }
}
