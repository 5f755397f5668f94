using System.Net;
using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// A transaction (https://hl7.org/fhir/R4/http.html#trules): all entries in one write session, committed only when
/// every entry succeeded. Entries run DELETE, then POST, then PUT/PATCH, then GET/HEAD; before the POSTs run, each is
/// given its id (or, for a conditional create, the id of the resource that already matches) so that references to
/// its fullUrl can be rewritten everywhere. The first failing entry fails the transaction with its status and issues,
/// located at the entry; the session is then rolled back and nothing is stored.
/// </summary>
public sealed class TransactionProcessor(BundleEntryInteractions interactions)
{
    private static readonly string[][] Phases = [["POST"], ["PUT", "PATCH"], ["GET", "HEAD"]];

    public async Task<Bundle> ProcessAsync(Bundle bundle, FhirRequest bundleRequest, IResourceStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(store);
        var entries = bundle.Entry.Select((entry, i) => Located(i, null, () => BundleEntryRequests.Parse(entry, i, bundleRequest))).ToArray();
        EnsureNoOverlap(entries);

        var responses = new FhirResponse[entries.Length];
        await using (var session = await store.BeginWriteAsync(ct).ConfigureAwait(false))
        {
            foreach (var entry in entries.Where(e => e.Request.Method == "DELETE"))
            {
                responses[entry.Index] = await RunAsync(entry, session, ct).ConfigureAwait(false);
            }

            var identities = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[i];
                entries[i] = await LocatedAsync(entry, () => AssignIdentityAsync(entry, session, identities, ct)).ConfigureAwait(false);
            }

            var rewriter = new ReferenceRewriter(identities, session, bundleRequest.Access);
            foreach (var entry in entries.Where(e => e.Request.Body is not null))
            {
                await LocatedAsync(entry, async () =>
                {
                    await rewriter.RewriteAsync(entry.Request.Body!, ct).ConfigureAwait(false);
                    return entry;
                }).ConfigureAwait(false);
            }

            foreach (var phase in Phases)
            {
                foreach (var entry in entries.Where(e => phase.Contains(e.Request.Method)))
                {
                    responses[entry.Index] = await RunAsync(entry, session, ct).ConfigureAwait(false);
                }
            }

            await session.CommitAsync(ct).ConfigureAwait(false);
        }

        return BundleResponses.Build(Bundle.BundleType.TransactionResponse, entries.Select(e => BundleResponses.Success(e, responses[e.Index])));
    }

    private Task<FhirResponse> RunAsync(BundleEntryRequest entry, IWriteSession session, CancellationToken ct)
        => LocatedAsync(entry, () => BundleEntryInteractions.IsRead(entry.Request)
            ? interactions.ReadAsync(entry.Request, session, ct)
            : interactions.WriteAsync(entry.Request, session, ct));

    /// <summary>
    /// The "Type/id" an entry's fullUrl stands for. A POST gets a new id, or the id of the single resource matching its
    /// ifNoneExist; a conditional PUT gets the id of its single match, or a new one.
    /// </summary>
    private static async Task<BundleEntryRequest> AssignIdentityAsync(BundleEntryRequest entry, IWriteSession session, Dictionary<string, string> identities, CancellationToken ct)
    {
        var request = entry.Request;
        string? id = request.Id;
        if (request.Method == "POST" && request.Id is null)
        {
            var match = request.IfNoneExist is { } criteria ? await SingleMatchAsync(request, ConditionalMatch.ParseCriteria(criteria), session, ct).ConfigureAwait(false) : null;
            id = match ?? FhirIds.NewId();
            entry = match is null ? entry with { Request = request with { AssignedId = id } } : entry;
        }
        else if (request is { Method: "PUT", Id: null, Body: { } body })
        {
            var match = await SingleMatchAsync(request, request.Query, session, ct).ConfigureAwait(false);
            body.Id = string.IsNullOrEmpty(body.Id) ? match ?? FhirIds.NewId() : body.Id;
            id = match ?? body.Id;
        }

        if (entry.FullUrl is { } fullUrl && id is not null && request.ResourceType is { } type)
        {
            identities[fullUrl] = $"{type}/{id}";
        }

        return entry;
    }

    private static async Task<string?> SingleMatchAsync(FhirRequest request, IReadOnlyList<KeyValuePair<string, string>> criteria, IWriteSession session, CancellationToken ct)
    {
        FhirIds.EnsureKnownType(request.ResourceType!);
        var matches = await ConditionalMatch.FindAsync(session, request.ResourceType!, criteria, request.Access, ct).ConfigureAwait(false);
        return matches.Count > 1 ? throw ConditionalMatch.SeveralMatches(request.ResourceType!) : matches.FirstOrDefault()?.Id;
    }

    /// <summary>Two entries writing the same resource would make the outcome depend on their order: the spec makes that an error.</summary>
    private static void EnsureNoOverlap(IEnumerable<BundleEntryRequest> entries)
    {
        var written = new Dictionary<string, BundleEntryRequest>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Request is { Method: "PUT" or "PATCH" or "DELETE", Id: not null }))
        {
            var identity = $"{entry.Request.ResourceType}/{entry.Request.Id}";
            if (!written.TryAdd(identity, entry))
            {
                throw new FhirRequestException(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Duplicate,
                    $"{entry.Location} and {written[identity].Location} both write {identity}; a transaction may write each resource once.", entry.Location);
            }
        }
    }

    private static T Located<T>(int index, BundleEntryRequest? entry, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (EntryFailure.From(e, index, entry?.Describe ?? BundleEntryRequests.Location(index), entry?.Request.ResourceType) is { } failure)
        {
            throw failure;
        }
    }

    private static async Task<T> LocatedAsync<T>(BundleEntryRequest entry, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (EntryFailure.From(e, entry.Index, entry.Describe, entry.Request.ResourceType) is { } failure)
        {
            throw failure;
        }
    }
}
