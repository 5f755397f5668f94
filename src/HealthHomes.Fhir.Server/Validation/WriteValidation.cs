using HealthHomes.Fhir.Conformance.Validation;
using HealthHomes.Fhir.Server.Rest;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using IssueSeverity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;

namespace HealthHomes.Fhir.Server.Validation;

/// <summary>
/// What a resource must conform to before it is stored: base R4, its claimed meta.profile, the profiles a
/// <c>$validate</c> caller names, and the profiles configuration requires for its type (one of them).
/// </summary>
public sealed class WriteValidation(IResourceValidator validator, IOptions<ValidationSettings> settings)
{
    public bool OnWrite => settings.Value.OnWrite;

    /// <summary>Every issue (errors included) of <paramref name="resource"/>.</summary>
    public async Task<IReadOnlyList<OperationOutcome.IssueComponent>> ValidateAsync(Resource resource, IReadOnlyList<string> profiles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var required = settings.Value.RequiredProfiles.GetValueOrDefault(resource.TypeName) ?? [];
        var claimed = resource.Meta?.Profile.OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        if (required.Length == 0 || required.Any(claimed.Contains))
        {
            return (await validator.ValidateAsync(resource, profiles, ct).ConfigureAwait(false)).Issues;
        }

        // Strict mode, no required profile claimed: the first one it conforms to wins.
        ValidationResult? closest = null;
        foreach (var candidate in required)
        {
            var result = await validator.ValidateAsync(resource, [.. profiles, candidate], ct).ConfigureAwait(false);
            if (result.IsValid)
            {
                return result.Issues;
            }

            closest = closest is null || Errors(result) < Errors(closest) ? result : closest;
        }

        var summary = FhirRequestException.Issue(OperationOutcome.IssueType.Invariant,
            $"A {resource.TypeName} must conform to one of the profiles this server requires ({string.Join(", ", required)}); claim one in meta.profile. The closest match's errors follow.",
            $"{resource.TypeName}.meta.profile");
        return [summary, .. closest!.Issues];
    }

    /// <summary>
    /// The issues of a resource about to be written (none when validation on write is off). Errors among them make
    /// the write a 422 with every issue, nothing stored; the rest go back to the client.
    /// </summary>
    public async Task<IReadOnlyList<OperationOutcome.IssueComponent>> OnWriteIssuesAsync(Resource resource, CancellationToken ct)
        => OnWrite ? await ValidateAsync(resource, [], ct).ConfigureAwait(false) : [];

    private static int Errors(ValidationResult result) => result.Issues.Count(i => i.Severity is IssueSeverity.Error or IssueSeverity.Fatal);
}
