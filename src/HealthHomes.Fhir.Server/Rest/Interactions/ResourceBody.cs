using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>Checks that a write carries a resource of the endpoint's type.</summary>
public static class ResourceBody
{
    public static Resource Require(FhirRequest request)
    {
        FhirIds.EnsureKnownType(request.ResourceType!);
        var resource = request.Body ?? throw FhirRequestException.BadRequest("A resource is required in the request body.");
        if (resource.TypeName != request.ResourceType)
        {
            throw FhirRequestException.BadRequest($"The body is a {resource.TypeName} but the URL is for {request.ResourceType}.", "resourceType");
        }

        return resource;
    }
}
