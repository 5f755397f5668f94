using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Terminology;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// required: a code not in the expanded ValueSet is an error. extensible: met by any coding in the set; an error for a
/// code of one of the ValueSet's systems that is not a code of that system (the system is included whole, or held
/// complete without it); a warning for another code of those systems outside the set, and for a bare code (code, uri,
/// string: no system) outside the set; codes of other systems pass.
/// A code whose membership cannot be decided here (system not held, filter not evaluated, ValueSet not held, or the
/// ValueSet imports one that is not held) is information.
/// </summary>
internal static class BindingCheck
{
    private enum Verdict
    {
        In,
        NotIn,
        Undecidable,
    }

    public static void Check(ElementPlan element, Base value, NodeRef node, WalkContext ctx)
    {
        var binding = element.Binding!;
        var expansion = ctx.Terminology.Expand(binding.ValueSet);
        if (!expansion.Found)
        {
            ctx.Information(OperationOutcome.IssueType.NotSupported, node.Path, $"ValueSet {binding.ValueSet} bound to '{element.Path}' is not held; binding not checked.");
            return;
        }

        switch (value)
        {
            case Coding coding:
                CheckCodings(element, [coding], expansion, node, ctx);
                break;
            case CodeableConcept concept:
                if (concept.Coding.Count == 0)
                {
                    if (binding.Strength == BindingStrength.Required)
                    {
                        ctx.Error(OperationOutcome.IssueType.CodeInvalid, node.Path, $"'{element.Path}' needs a coding from ValueSet {binding.ValueSet} (required binding).");
                    }

                    return;
                }

                CheckCodings(element, concept.Coding, expansion, node, ctx);
                break;
            case PrimitiveType { JsonValue: string code } when value is Code or FhirString or FhirUri:
                if (!expansion.BareCodes.Contains(code))
                {
                    if (expansion.Undecidable.Count > 0 || expansion.Incomplete is not null)
                    {
                        Report(element, Verdict.Undecidable, null, code, expansion, node, ctx);
                    }
                    else if (binding.Strength == BindingStrength.Extensible)
                    {
                        // A bare code carries no system, so it cannot be shown not to be a code of a bound system: outside an
                        // extensible set it is allowed when none of the set's codes fits (ElementDefinition.type.code in HL7's own
                        // snapshots holds http://hl7.org/fhirpath/System.String, outside defined-types); a warning, as for codings.
                        ctx.Warning(OperationOutcome.IssueType.CodeInvalid, node.Path,
                            $"Code '{code}' for '{element.Path}' is not in ValueSet {binding.ValueSet} (extensible binding): allowed only when none of its codes fits.");
                    }
                    else
                    {
                        Report(element, Verdict.NotIn, null, code, expansion, node, ctx);
                    }
                }

                break;
            case Quantity:
                ctx.Information(OperationOutcome.IssueType.NotSupported, node.Path, $"Binding on Quantity '{element.Path}' is not checked.");
                break;
        }
    }

    private static void CheckCodings(ElementPlan element, List<Coding> codings, ExpandedValueSet expansion, NodeRef node, WalkContext ctx)
    {
        var required = element.Binding!.Strength == BindingStrength.Required;
        Coding? wrong = null, outside = null;
        var undecidable = false;
        foreach (var coding in codings)
        {
            var verdict = Judge(coding, expansion, ctx);
            if (verdict == Verdict.In)
            {
                return; // one coding from the set meets a required or extensible binding; the others are translations
            }

            if (verdict == Verdict.Undecidable)
            {
                undecidable = true;
            }
            else if (!required && expansion.Systems.Contains(coding.System ?? string.Empty))
            {
                if (expansion.WholeSystems.Contains(coding.System!) || IsNotACodeOf(coding, ctx))
                {
                    wrong ??= coding;
                }
                else
                {
                    outside ??= coding;
                }
            }
        }

        if (required)
        {
            Report(element, undecidable ? Verdict.Undecidable : Verdict.NotIn, codings[0].System, codings[0].Code, expansion, node, ctx);
        }
        else if (wrong is not null)
        {
            Report(element, Verdict.NotIn, wrong.System, wrong.Code, expansion, node, ctx);
        }
        else if (outside is not null)
        {
            // Extensible (https://hl7.org/fhir/R4/terminologies.html#extensible): a code outside the set is allowed when no
            // code of the set covers the concept, which only a human can judge; a warning, as HL7's own validator gives.
            ctx.Warning(OperationOutcome.IssueType.CodeInvalid, node.Path,
                $"Code '{outside.System}|{outside.Code}' for '{element.Path}' is not in ValueSet {element.Binding.ValueSet} (extensible binding): allowed only when none of its codes fits.");
        }
        else if (undecidable)
        {
            Report(element, Verdict.Undecidable, codings[0].System, codings[0].Code, expansion, node, ctx);
        }
    }

    /// <summary>The code system is held complete and does not define the code.</summary>
    private static bool IsNotACodeOf(Coding coding, WalkContext ctx) =>
        ctx.Set.FindCodeSystem(coding.System!) is { Content: CodeSystemContentMode.Complete } cs && !Defines(cs.Concept, coding.Code);

    private static bool Defines(List<CodeSystem.ConceptDefinitionComponent> concepts, string? code) =>
        concepts.Any(c => c.Code == code || Defines(c.Concept, code));

    private static Verdict Judge(Coding coding, ExpandedValueSet expansion, WalkContext ctx)
    {
        if (coding.System is not { } system || coding.Code is not { } code)
        {
            return Verdict.NotIn;
        }

        // An imported ValueSet that is not held may hold any code, except one its (held, complete) code system does not define.
        return expansion.Contains(system, code) ? Verdict.In
            : expansion.Undecidable.ContainsKey(system) ? Verdict.Undecidable
            : expansion.Incomplete is not null && !IsNotACodeOf(coding, ctx) ? Verdict.Undecidable
            : Verdict.NotIn;
    }

    private static void Report(ElementPlan element, Verdict verdict, string? system, string? code, ExpandedValueSet expansion, NodeRef node, WalkContext ctx)
    {
        var binding = element.Binding!;
        var shown = system is null ? $"'{code}'" : $"'{system}|{code}'";
        if (verdict == Verdict.Undecidable)
        {
            var why = system is not null && expansion.Undecidable.TryGetValue(system, out var reason) ? reason
                : expansion.Incomplete ?? string.Join("; ", expansion.Undecidable.Values.Distinct());
            ctx.Information(OperationOutcome.IssueType.CodeInvalid, node.Path, $"Code {shown} for '{element.Path}' could not be checked against ValueSet {binding.ValueSet}: {why}.");
            return;
        }

        ctx.Error(OperationOutcome.IssueType.CodeInvalid, node.Path,
            $"Code {shown} for '{element.Path}' is not in ValueSet {binding.ValueSet} ({binding.Strength.ToString()!.ToLowerInvariant()} binding).");
    }
}
