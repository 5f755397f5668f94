using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Validation;

/// <summary>
/// The step every create, update and patch (over HTTP or as a batch/transaction entry) writes through: the resource is
/// validated first (errors: 422, nothing stored), then written; warnings and information travel with the result.
/// Program workflow rules that depend on the stored version (ECM-CLR referral status changes) are checked next.
/// An uploaded profile whose base definition the server does not hold is stored, with a warning that it cannot be
/// used for validation yet (instead of staying silent until a resource claims it).
/// </summary>
public sealed class ValidatingWrite(WriteValidation validation, ProfileSource profiles)
{
    public async Task<(StoredResource Stored, IReadOnlyList<OperationOutcome.IssueComponent> Issues)> WriteAsync(
        IWriteSession session, Resource resource, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var issues = await validation.EnsureValidAsync(resource, ct).ConfigureAwait(false);
        await ReferralTransitionGuard.EnsureAllowedAsync(session, resource, ct).ConfigureAwait(false);
        var stored = await session.WriteAsync(resource, expectedVersion, ct).ConfigureAwait(false);
        return (stored, UnheldBase(resource) is { } warning ? [.. issues, warning] : issues);
    }

    private OperationOutcome.IssueComponent? UnheldBase(Resource resource)
    {
        if (resource is not StructureDefinition { BaseDefinition: { } baseUrl, Snapshot: null } profile
            || profiles.Current.FindStructureDefinition(baseUrl) is not null)
        {
            return null;
        }

        return FhirRequestException.Issue(OperationOutcome.IssueType.NotFound,
            $"The base definition {baseUrl} is not held by this server, so {profile.Url} cannot be used for validation yet: "
            + "upload its base first. Until then a resource claiming it gets an unknown-profile warning.",
            "StructureDefinition.baseDefinition", OperationOutcome.IssueSeverity.Warning);
    }
}
