using Hl7.Fhir.Model;
using Hl7.FhirPath;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>
/// An invariant, compiled once. <see cref="Native"/> replaces FHIRPath for the invariants that sit on every element
/// (ele-1, ext-1); <see cref="CompileError"/> is set when the engine cannot compile the expression.
/// </summary>
internal sealed record ConstraintPlan(
    string Key,
    ConstraintSeverity Severity,
    string Human,
    string Expression,
    CompiledExpression? Compiled,
    Func<Base, bool>? Native,
    string? CompileError);
