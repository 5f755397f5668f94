namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// The characters a FHIR string may hold (https://hl7.org/fhir/R4/datatypes.html#string): none below U+0020 except
/// tab, carriage return and line feed. XML 1.0 cannot carry the others at all, so a stored value holding one would
/// break every XML response that includes it.
/// </summary>
public static class FhirStrings
{
    /// <summary>What a forbidden character is replaced with when old data must still be written as XML.</summary>
    public const char Replacement = '\uFFFD';

    public static bool IsForbidden(char c) => c < '\u0020' && c is not ('\t' or '\r' or '\n');

    /// <summary>The index of the first forbidden character, or -1.</summary>
    public static int IndexOfForbidden(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (IsForbidden(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value with each forbidden character replaced by U+FFFD.</summary>
    public static string Replace(string value) =>
        IndexOfForbidden(value) < 0 ? value : string.Create(value.Length, value, static (span, v) =>
        {
            for (var i = 0; i < v.Length; i++)
            {
                span[i] = IsForbidden(v[i]) ? Replacement : v[i];
            }
        });
}
