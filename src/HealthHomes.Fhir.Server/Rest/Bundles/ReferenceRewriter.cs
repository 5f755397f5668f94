using System.Net;
using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// Rewrites the references inside a transaction's resources (https://hl7.org/fhir/R4/http.html#trules): a reference to
/// another entry's fullUrl (urn:uuid:, urn:oid: or a URL) becomes "Type/id" of what that entry creates or updates, and
/// a conditional reference ("Patient?identifier=sys|val") becomes the one resource the search finds inside the
/// transaction. Every Reference element is visited, at any depth, including those in contained resources.
/// </summary>
public sealed class ReferenceRewriter(IReadOnlyDictionary<string, string> identities, IResourceReader session, AccessFilter access)
{
    private readonly Dictionary<string, string> _conditional = new(StringComparer.Ordinal);

    public async Task RewriteAsync(Resource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        foreach (var reference in ReferencesIn(resource).ToList())
        {
            var target = reference.Reference;
            if (string.IsNullOrEmpty(target) || target.StartsWith('#'))
            {
                continue;
            }

            if (identities.TryGetValue(target, out var identity))
            {
                reference.Reference = identity;
            }
            else if (target.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("urn:oid:", StringComparison.OrdinalIgnoreCase))
            {
                throw FhirRequestException.BadRequest($"The reference '{target}' names no entry of this transaction (no entry has it as fullUrl).", $"{resource.TypeName}");
            }
            else if (ConditionalReference(target) is var (type, criteria))
            {
                reference.Reference = await ResolveAsync(target, type, criteria, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every ResourceReference in the resource, found by walking its elements with the SDK's element enumeration.</summary>
    public static IEnumerable<ResourceReference> ReferencesIn(Base element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var pending = new Stack<Base>();
        pending.Push(element);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is ResourceReference reference)
            {
                yield return reference;
            }

            foreach (var (_, value) in current.EnumerateElements())
            {
                if (value is Base child)
                {
                    pending.Push(child);
                }
                else if (value is IEnumerable<Base> children)
                {
                    foreach (var item in children)
                    {
                        pending.Push(item);
                    }
                }
            }
        }
    }

    private async Task<string> ResolveAsync(string target, string type, string criteria, CancellationToken ct)
    {
        if (_conditional.TryGetValue(target, out var known))
        {
            return known;
        }

        FhirIds.EnsureKnownType(type);
        var matches = await ConditionalMatch.FindAsync(session, type, ConditionalMatch.ParseCriteria(criteria), access, ct).ConfigureAwait(false);
        if (matches.Count != 1)
        {
            throw new FhirRequestException(HttpStatusCode.PreconditionFailed, matches.Count == 0 ? OperationOutcome.IssueType.NotFound : OperationOutcome.IssueType.MultipleMatches,
                $"The conditional reference '{target}' matches {(matches.Count == 0 ? "no" : "more than one")} {type}; it must match exactly one.");
        }

        return _conditional[target] = $"{type}/{matches[0].Id}";
    }

    /// <summary>"Patient?identifier=a|b" as (Patient, identifier=a|b); null for anything else.</summary>
    private static (string Type, string Criteria)? ConditionalReference(string reference)
    {
        var q = reference.IndexOf('?', StringComparison.Ordinal);
        if (q <= 0 || reference.AsSpan(0, q).Contains('/') || reference.AsSpan(0, q).Contains(':'))
        {
            return null;
        }

        return (reference[..q], reference[(q + 1)..]);
    }
}
