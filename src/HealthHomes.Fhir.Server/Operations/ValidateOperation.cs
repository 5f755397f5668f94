using System.Net;
using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations;

/// <summary>
/// $validate (https://hl7.org/fhir/R4/resource-operation-validate.html) at type level (POST [type]/$validate) and
/// instance level (POST or GET [type]/[id]/$validate; GET validates the stored resource). The body is the resource or
/// a Parameters with resource, mode (create | update | delete) and profile; mode and profile may also come in the
/// query. The answer is 200 with an OperationOutcome listing every issue (information "All OK" when there are none);
/// a request that cannot be validated (no resource, wrong type, unknown mode) is 4xx. The same checks as a write:
/// base R4, meta.profile, the profile asked for, and the profiles configuration requires for the type.
/// </summary>
public sealed class ValidateOperation(WriteValidation validation, ConformancePackage package)
{
    public const string Name = "validate";
    public const string Definition = "http://hl7.org/fhir/OperationDefinition/Resource-validate";

    public async Task<FhirResponse> ValidateAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.ResourceType!;
        FhirIds.EnsureKnownType(type);
        var (resource, mode, profiles) = Bind(request);
        if (mode == "delete")
        {
            return Outcome(DeletionIssues(request, type));
        }

        if (resource is null && request.Id is { } storedId)
        {
            var stored = await reader.ReadAsync(type, storedId, request.Access, ct).ConfigureAwait(false);
            resource = stored is { IsDeleted: false, Json: { } json } ? FhirSerialization.ParseJson(json) : throw FhirRequestException.NotFound($"{type}/{storedId} is not known or deleted.");
        }

        if (resource is null)
        {
            throw FhirRequestException.BadRequest("$validate needs a resource: the body, or a Parameters with a 'resource' parameter.");
        }

        if (resource.TypeName != type)
        {
            throw FhirRequestException.BadRequest($"The resource is a {resource.TypeName} but the URL is for {type}.", "resourceType");
        }

        if (mode == "update" && string.IsNullOrEmpty(resource.Id))
        {
            throw FhirRequestException.BadRequest("mode=update validates an update: the resource needs its id.", $"{type}.id");
        }

        if (mode == "update" && request.Id is { } id && resource.Id != id)
        {
            throw FhirRequestException.BadRequest($"The resource id ({resource.Id}) differs from the id in the URL ({id}).", $"{type}.id");
        }

        return Outcome(await validation.ValidateAsync(resource, profiles, ct).ConfigureAwait(false));
    }

    private static (Resource? Resource, string? Mode, IReadOnlyList<string> Profiles) Bind(FhirRequest request)
    {
        var mode = request.QueryValue("mode");
        var profiles = request.Query.Where(q => q.Key == "profile").Select(q => q.Value).ToList();
        var resource = request.Body;
        if (resource is Parameters input && (request.ResourceType != "Parameters" || input.Parameter.Any(x => x.Name == "resource")))
        {
            foreach (var parameter in input.Parameter)
            {
                switch (parameter.Name)
                {
                    case "resource":
                        resource = parameter.Resource ?? throw FhirRequestException.BadRequest("The 'resource' parameter carries no resource.", "Parameters.parameter.resource");
                        break;
                    case "mode":
                        mode = (parameter.Value as Code)?.Value ?? (parameter.Value as FhirString)?.Value ?? throw FhirRequestException.BadRequest("The 'mode' parameter is a code.", "Parameters.parameter.value");
                        break;
                    case "profile":
                        profiles.Add((parameter.Value as PrimitiveType)?.ToString() ?? throw FhirRequestException.BadRequest("The 'profile' parameter is a canonical.", "Parameters.parameter.value"));
                        break;
                    default:
                        throw FhirRequestException.BadRequest($"$validate has no parameter '{parameter.Name}' (resource, mode, profile).", "Parameters.parameter.name");
                }
            }

            resource = ReferenceEquals(resource, input) ? null : resource;
        }

        return mode is null or "create" or "update" or "delete"
            ? (resource, mode, profiles)
            : throw FhirRequestException.BadRequest($"mode '{mode}' is not one of create, update, delete.", "mode");
    }

    /// <summary>mode=delete: the only thing that prevents a delete here is the conformance package being read-only.</summary>
    private List<OperationOutcome.IssueComponent> DeletionIssues(FhirRequest request, string type)
    {
        var id = request.Id ?? throw FhirRequestException.BadRequest("mode=delete validates deleting one resource: call [type]/[id]/$validate.");
        return package.Contains(type, id)
            ? [FhirRequestException.Issue(OperationOutcome.IssueType.Forbidden, $"{type}/{id} is part of the server's conformance package and cannot be deleted.")]
            : [];
    }

    private static FhirResponse Outcome(IReadOnlyList<OperationOutcome.IssueComponent> issues)
    {
        IReadOnlyList<OperationOutcome.IssueComponent> listed = issues.Count > 0
            ? issues
            : [FhirRequestException.Issue(OperationOutcome.IssueType.Informational, "All OK: no issues detected.", severity: OperationOutcome.IssueSeverity.Information)];
        return FhirResponse.Of(HttpStatusCode.OK, new OperationOutcome { Issue = [.. listed] });
    }
}
