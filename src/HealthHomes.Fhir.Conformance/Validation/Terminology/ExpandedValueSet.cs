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

    /// <summary>
    /// ValueSets imported by compose.include.valueSet (directly or through other imports) that are not held: their codes,
    /// of any system, are unknown here, so a code not found in the rest of the set is undecidable, not outside it.
    /// </summary>
    public SortedSet<string> MissingImports { get; } = new(StringComparer.Ordinal);

    /// <summary>Why a code not found in <see cref="Codes"/> may still be in the set, whatever its system; null when the set is complete.</summary>
    public string? Incomplete => MissingImports.Count == 0 ? null : MissingImports.Count == 1
        ? $"it includes ValueSet {MissingImports.Min}, which is not held by this server"
        : $"it includes ValueSets {string.Join(", ", MissingImports)}, which are not held by this server";

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

    /// <summary>After excludes: the bare codes are those of the codes left.</summary>
    public void RebuildBareCodes()
    {
        BareCodes.Clear();
        foreach (var systemAndCode in Codes)
        {
            BareCodes.Add(systemAndCode[(systemAndCode.LastIndexOf('|') + 1)..]);
        }
    }

    public bool Contains(string system, string code) => Codes.Contains(string.Concat(system, "|", code));
}
