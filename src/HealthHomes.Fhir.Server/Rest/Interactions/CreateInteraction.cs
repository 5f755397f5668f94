using System.Net;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>create and conditional create (https://hl7.org/fhir/R4/http.html#create): the server assigns the id.</summary>
public sealed class CreateInteraction(ValidatingWrite writer)
{
    public async Task<FhirResponse> CreateAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        var resource = ResourceBody.Require(request);
        if (request.IfNoneExist is { } criteria)
        {
            var matches = await ConditionalMatch.FindAsync(session, request.ResourceType!, ConditionalMatch.ParseCriteria(criteria), request.Access, ct).ConfigureAwait(false);
            if (matches.Count > 1)
            {
                throw ConditionalMatch.SeveralMatches(request.ResourceType!);
            }

            if (matches.Count == 1)
            {
                return WriteResponses.For(request, HttpStatusCode.OK, matches[0], $"{matches[0].ResourceType}/{matches[0].Id} already matches If-None-Exist; nothing was created.");
            }
        }

        // The spec: an id in the body of a create is ignored; the server assigns one (a transaction may have chosen it already).
        resource.Id = request.AssignedId ?? FhirIds.NewId();
        var (stored, issues) = await writer.WriteAsync(session, resource, expectedVersion: null, ct).ConfigureAwait(false);
        return WriteResponses.For(request, HttpStatusCode.Created, stored, $"Created {stored.ResourceType}/{stored.Id}.", issues);
    }
}
