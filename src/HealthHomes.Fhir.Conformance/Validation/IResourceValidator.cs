using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation;

/// <summary>
/// Validates a resource against base R4, the profiles it claims in meta.profile and <c>extraProfiles</c> (e.g. the
/// ones server configuration requires for its type). Another validator (Firely's) can be plugged in behind this.
/// </summary>
public interface IResourceValidator
{
    ValueTask<ValidationResult> ValidateAsync(Resource resource, IReadOnlyList<string> extraProfiles, CancellationToken ct);
}
