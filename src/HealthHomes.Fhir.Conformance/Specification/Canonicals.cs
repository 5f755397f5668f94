namespace HealthHomes.Fhir.Conformance.Specification;

internal static class Canonicals
{
    /// <summary>"http://x/StructureDefinition/a|1.0" -> "http://x/StructureDefinition/a".</summary>
    public static string WithoutVersion(string canonical)
    {
        var bar = canonical.IndexOf('|');
        return bar < 0 ? canonical : canonical[..bar];
    }
}
