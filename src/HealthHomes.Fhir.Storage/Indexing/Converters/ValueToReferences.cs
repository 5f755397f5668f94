using Hl7.Fhir.Model;
using HealthHomes.Fhir.Storage.Schema;

namespace HealthHomes.Fhir.Storage.Indexing.Converters;

/// <summary>
/// Reference index values. "Patient/1" and "Patient/1/_history/2" are local; an absolute URL keeps its Url and,
/// when it ends in Type/id, the type and id too; a canonical keeps its Url. Display-only and contained references
/// ("#x") have no indexable value.
/// </summary>
public static class ValueToReferences
{
    public static IEnumerable<ReferenceIndexRow> Convert(Base value)
    {
        var text = value switch
        {
            ResourceReference r => r.Reference,
            Canonical c => c.Value,
            FhirUri u => u.Value,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text) || text.StartsWith('#'))
        {
            yield break;
        }

        if (value is Canonical)
        {
            yield return new ReferenceIndexRow { Url = text.Split('|')[0] };
            yield break;
        }

        var row = Parse(text);
        if (row is not null)
        {
            yield return row;
        }
    }

    /// <summary>Parses a literal reference into its index form (also used for reference search values).</summary>
    public static ReferenceIndexRow? Parse(string reference)
    {
        var absolute = reference.Contains("://", StringComparison.Ordinal) || reference.StartsWith("urn:", StringComparison.Ordinal);
        var path = reference;
        string? version = null;
        var history = path.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            version = path[(history + "/_history/".Length)..];
            path = path[..history];
        }

        var segments = path.Split('/');
        string? type = null, id = null;
        if (segments.Length >= 2 && ModelInfo.IsKnownResource(segments[^2]) && segments[^1].Length > 0)
        {
            type = segments[^2];
            id = segments[^1];
        }

        if (!absolute && type is null)
        {
            return null;
        }

        return new ReferenceIndexRow { TargetType = type, TargetId = id, TargetVersion = version, Url = absolute ? reference : null };
    }
}
