namespace HealthHomes.Fhir.Conformance.Validation.Terminology;

/// <summary>
/// A ValueSet reduced to what a binding check asks: is system|code in it, which systems it draws from, and for which
/// systems membership cannot be decided here (code system not held, or a filter we do not evaluate).
/// </summary>
internal sealed class ExpandedValueSet
{
    public static readonly ExpandedValueSet NotFound = new(found: false);

    public ExpandedValueSet(bool found = true) => Found = found;

    public bool Found { get; }

    /// <summary>"system|code".</summary>
    public HashSet<string> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>Codes alone, for code-typed elements that carry no system.</summary>
    public HashSet<string> BareCodes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Systems { get; } = new(StringComparer.Ordinal);

    /// <summary>Systems included whole (every code of a held, complete code system): a code of theirs outside the set is not a code of the system.</summary>
    public HashSet<string> WholeSystems { get; } = new(StringComparer.Ordinal);

    /// <summary>System -> why its codes cannot be enumerated.</summary>
    public Dictionary<string, string> Undecidable { get; } = new(StringComparer.Ordinal);

    public void Add(string system, string? code)
    {
        if (code is null)
        {
            return;
        }

        Codes.Add(string.Concat(system, "|", code));
        BareCodes.Add(code);
        Systems.Add(system);
    }

    public bool Contains(string system, string code) => Codes.Contains(string.Concat(system, "|", code));
}
