using System.Net;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Validation;

/// <summary>
/// The step every create, update and patch (over HTTP or as a batch/transaction entry) writes through: the resource is
/// validated first (errors: 422, nothing stored), then written; warnings and information travel with the result.
/// Validation and index extraction are pure functions of the resource: they normally ran in the request's
/// <see cref="WriteRehearsal"/>, before the write lock, and are looked up here; a resource not rehearsed is prepared
/// here, inside the session, bounded by the session's expiry.
/// Program workflow rules that depend on the stored version (ECM-CLR referral status changes) are checked next.
/// An uploaded profile whose base definition the server does not hold is stored, with a warning that it cannot be
/// used for validation yet (instead of staying silent until a resource claims it).
/// </summary>
public sealed class ValidatingWrite(WriteValidation validation, ProfileSource profiles, ResourceIndexer indexer)
{
    public async Task<(StoredResource Stored, IReadOnlyList<OperationOutcome.IssueComponent> Issues)> WriteAsync(
        IWriteSession session, Resource resource, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(resource);
        var prepared = await PreparedAsync(session, resource, ct).ConfigureAwait(false);
        if (prepared.HasErrors)
        {
            throw new FhirRequestException(HttpStatusCode.UnprocessableEntity, prepared.Issues);
        }

        await ReferralTransitionGuard.EnsureAllowedAsync(session, resource, ct).ConfigureAwait(false);
        var stored = await session.WriteAsync(resource, expectedVersion, prepared.Index, ct).ConfigureAwait(false);
        var issues = prepared.Issues;
        return (stored, UnheldBase(resource) is { } warning ? [.. issues, warning] : issues);
    }

    /// <summary>Validates and extracts the index rows; both are pure functions of the resource's content.</summary>
    public async Task<PreparedWrite> PrepareAsync(Resource resource, CancellationToken ct)
    {
        // Index rows first: a resource over Storage:MaxIndexRowsPerResource is refused (422) before its longer validation.
        ResourceIndexEntries? index;
        try
        {
            index = indexer.Extract(resource);
        }
        catch (IndexRowLimitException)
        {
            throw;
        }
#pragma warning disable CA1031 // a resource the indexer fails on fails inside the session, as it always did
        catch (Exception)
#pragma warning restore CA1031
        {
            index = null;
        }

        var issues = await validation.OnWriteIssuesAsync(resource, ct).ConfigureAwait(false);
        var prepared = new PreparedWrite(issues, null);
        return prepared.HasErrors ? prepared : prepared with { Index = index };
    }

    private async Task<PreparedWrite> PreparedAsync(IWriteSession session, Resource resource, CancellationToken ct)
    {
        var rehearsal = WriteRehearsal.Current;
        if (rehearsal?.Find(resource) is { } rehearsed)
        {
            return rehearsed;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, session.Expiry);
        PreparedWrite prepared;
        try
        {
            prepared = await PrepareAsync(resource, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.Expiry.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new WriteTimeoutException(null);
        }

        rehearsal?.Remember(resource, prepared);
        return prepared;
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
