namespace HealthHomes.Fhir.Conformance.Validation;

public sealed class ValidationOptions
{
    /// <summary>
    /// Core invariant keys not evaluated. dom-6 ("a resource should have narrative", a warning) is off by default:
    /// the API clients we serve never send narrative.
    /// </summary>
    public ISet<string> SuppressedInvariants { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "dom-6" };

    /// <summary>Report absent mustSupport elements of claimed profiles as information issues.</summary>
    public bool ReportMustSupport { get; init; } = true;

    /// <summary>
    /// How long one validation may spend before its remaining invariants are skipped and the resource is refused with
    /// a too-costly error (a resource with tens of thousands of elements validates in well under a second).
    /// </summary>
    public TimeSpan MaxValidationTime { get; init; } = TimeSpan.FromSeconds(10);
}
