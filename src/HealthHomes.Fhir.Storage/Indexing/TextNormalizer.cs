using System.Globalization;
using System.Text;

namespace HealthHomes.Fhir.Storage.Indexing;

/// <summary>
/// The form in which string values are indexed and string search values are compared: accents removed,
/// lower-cased (invariant), surrounding white space trimmed. "Ábalos " and "abalos" normalise alike.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var ascii = true;
        foreach (var c in trimmed)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return trimmed.ToLowerInvariant();
        }

        var decomposed = trimmed.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
