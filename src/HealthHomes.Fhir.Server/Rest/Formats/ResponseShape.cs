using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// _summary and _elements (https://hl7.org/fhir/R4/search.html#summary): a serialization filter applied to a
/// resource, or to each entry's resource of a Bundle. A subset is marked SUBSETTED in meta.tag; _elements always
/// keeps id, meta and mandatory elements; _summary=count leaves a Bundle with its total only.
/// </summary>
public sealed record ResponseShape(Func<SerializationFilter> Filter, bool CountOnly)
{
    public static readonly Coding Subsetted = new("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "SUBSETTED", "subsetted");

    /// <summary>The shape the query asks for, or null for the whole resource.</summary>
    public static ResponseShape? From(IEnumerable<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? summary = null, elements = null;
        foreach (var (name, value) in query)
        {
            summary = name == "_summary" ? value : summary;
            elements = name == "_elements" ? value : elements;
        }

        if (!string.IsNullOrEmpty(summary))
        {
            return summary switch
            {
                "true" => new(SerializationFilter.ForSummary, false),
                "text" => new(SerializationFilter.ForText, false),
                "data" => new(SerializationFilter.ForData, false),
                "count" => new(SerializationFilter.ForCount, true),
                "false" => null,
                _ => throw FhirRequestException.BadRequest($"_summary '{summary}' is not one of true, false, text, data, count.", "_summary"),
            };
        }

        if (!string.IsNullOrEmpty(elements))
        {
            string[] names = [.. elements.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), "id", "meta"];
            return new(() => new BundleFilter(new TopLevelFilter(new ElementMetadataFilter { IncludeNames = names, IncludeMandatory = true })), false);
        }

        return null;
    }

    /// <summary>Marks the resource (or every resource entry of a Bundle) SUBSETTED, as the shape leaves part of it out.</summary>
    public void MarkSubsetted(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (CountOnly)
        {
            return;
        }

        if (resource is Bundle bundle)
        {
            foreach (var entryResource in bundle.Entry.Select(e => e.Resource).Where(r => r is not null and not OperationOutcome))
            {
                Tag(entryResource!);
            }

            return;
        }

        Tag(resource);
    }

    private static void Tag(Resource resource)
    {
        resource.Meta ??= new Meta();
        if (!resource.Meta.Tag.Any(t => t.System == Subsetted.System && t.Code == Subsetted.Code))
        {
            resource.Meta.Tag.Add((Coding)Subsetted.DeepCopy());
        }
    }
}
