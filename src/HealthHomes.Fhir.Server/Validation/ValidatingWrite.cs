using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Validation;

/// <summary>
/// The step every create, update and patch (over HTTP or as a batch/transaction entry) writes through: the resource is
/// validated first (errors: 422, nothing stored), then written; warnings and information travel with the result.
/// </summary>
public sealed class ValidatingWrite(WriteValidation validation)
{
    public async Task<(StoredResource Stored, IReadOnlyList<OperationOutcome.IssueComponent> Issues)> WriteAsync(
        IWriteSession session, Resource resource, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var issues = await validation.EnsureValidAsync(resource, ct).ConfigureAwait(false);
        var stored = await session.WriteAsync(resource, expectedVersion, ct).ConfigureAwait(false);
        return (stored, issues);
    }
}
