using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Records;

/// <summary>Reading the package's elements off FHIR POCOs: Task inputs/outputs by type code, codes by system, instants.</summary>
public static class FhirValues
{
    /// <summary>The value of the first Task.input whose type is the hh-task-parameter <paramref name="type"/>.</summary>
    public static DataType? Input(this FhirTask task, string type)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Input.FirstOrDefault(i => HasCode(i.Type, ProgramCodes.TaskParameterSystem, type))?.Value;
    }

    /// <summary>The value of the first Task.output whose type is the hh-task-parameter <paramref name="type"/>.</summary>
    public static DataType? Output(this FhirTask task, string type)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Output.FirstOrDefault(o => HasCode(o.Type, ProgramCodes.TaskParameterSystem, type))?.Value;
    }

    /// <summary>The code of the first coding in <paramref name="system"/>, or null.</summary>
    public static string? CodeIn(this DataType? value, string system) => value switch
    {
        CodeableConcept concept => concept.Coding.FirstOrDefault(c => c.System == system)?.Code,
        Coding coding when coding.System == system => coding.Code,
        _ => null,
    };

    public static bool HasCode(this CodeableConcept? concept, string system, string code) =>
        concept is not null && concept.Coding.Any(c => c.System == system && c.Code == code);

    public static bool HasCode(this IEnumerable<CodeableConcept> concepts, string system, string code) =>
        concepts.Any(c => c.HasCode(system, code));

    /// <summary>A FHIR dateTime/instant as an instant; a date without time is the start of that day in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? Instant(string? value, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length <= 10)
        {
            var parts = value.Split('-');
            var date = new DateTime(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1,
                parts.Length > 2 ? int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) : 1, 0, 0, 0, DateTimeKind.Unspecified);
            return new DateTimeOffset(date, zone.GetUtcOffset(date));
        }

        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>The value of an extension with <paramref name="url"/>, or null.</summary>
    public static DataType? ExtensionValue(this DomainResource resource, string url)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Extension.FirstOrDefault(e => e.Url == url)?.Value;
    }

    /// <summary>"Type/id" of a resource, for references in results.</summary>
    public static string ReferenceTo(this Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.TypeName + "/" + resource.Id;
    }

    /// <summary>The enrollment (EpisodeOfCare id) a record belongs to (extension hh-enrollment), or null.</summary>
    public static string? EnrollmentId(this DomainResource resource) =>
        (resource.ExtensionValue(ProgramCodes.EnrollmentExtension) as ResourceReference)?.Reference is { } reference
        && reference.StartsWith("EpisodeOfCare/", StringComparison.Ordinal)
            ? reference["EpisodeOfCare/".Length..]
            : null;
}
