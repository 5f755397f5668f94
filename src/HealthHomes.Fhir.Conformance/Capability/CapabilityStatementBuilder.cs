using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Capability;

/// <summary>
/// Builds the server's CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html) from
/// <see cref="ServerCapabilities"/>: FHIR 4.0.1, JSON and XML (and JSON Patch when patch is served), one rest
/// entry in server mode with every resource type's interactions, versioning, conditional support, includes and
/// search parameters, and the system-level interactions.
/// </summary>
public static class CapabilityStatementBuilder
{
    public const string JsonPatchMediaType = "application/json-patch+json";

    public static CapabilityStatement Build(ServerCapabilities server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var patch = server.TypeInteractions.Contains(CapabilityStatement.TypeRestfulInteraction.Patch);
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "FHIR R4 REST API for Medicaid Health Home care management.",
            Interaction = server.SystemInteractions.Order()
                .Select(i => new CapabilityStatement.SystemInteractionComponent { Code = i })
                .ToList(),
            Operation = server.SystemOperations.Select(o => new CapabilityStatement.OperationComponent { Name = o.Name, Definition = o.Definition }).ToList(),
        };
        var revIncludes = server.Includes ? RevIncludes(server) : [];
        foreach (var type in server.ResourceTypes)
        {
            rest.Resource.Add(Resource(server, type, revIncludes.GetValueOrDefault(type) ?? []));
        }

        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "HealthHomes.Fhir",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = server.SoftwareName, Version = server.SoftwareVersion },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = server.SoftwareName, Url = server.BaseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", "xml"],
            PatchFormat = patch ? [JsonPatchMediaType] : [],
            Rest = [rest],
        };
    }

    private static CapabilityStatement.ResourceComponent Resource(ServerCapabilities server, string type, IReadOnlyList<string> revIncludes)
    {
        var interactions = server.TypeInteractions;
        var parameters = server.SearchParameters.GetValueOrDefault(type) ?? [];
        var searches = interactions.Contains(CapabilityStatement.TypeRestfulInteraction.SearchType);
        return new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Profile = $"http://hl7.org/fhir/StructureDefinition/{type}",
            SupportedProfile = [.. server.SupportedProfiles.GetValueOrDefault(type) ?? []],
            Interaction = interactions.Order().Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
            Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            ReadHistory = interactions.Contains(CapabilityStatement.TypeRestfulInteraction.Vread),
            UpdateCreate = server.UpdateCreate,
            ConditionalCreate = server.ConditionalCreate,
            ConditionalRead = CapabilityStatement.ConditionalReadStatus.NotSupported,
            ConditionalUpdate = server.ConditionalUpdate,
            ConditionalDelete = server.ConditionalDelete ? CapabilityStatement.ConditionalDeleteStatus.Single : CapabilityStatement.ConditionalDeleteStatus.NotSupported,
            SearchInclude = searches && server.Includes
                ? ["*", .. parameters.Where(p => p.Type == SearchParamType.Reference).Select(p => $"{type}:{p.Name}")]
                : [],
            SearchRevInclude = searches && server.Includes ? [.. revIncludes] : [],
            Operation = server.Operations.Concat(server.TypeOperations.GetValueOrDefault(type) ?? [])
                .Select(o => new CapabilityStatement.OperationComponent { Name = o.Name, Definition = o.Definition }).ToList(),
            SearchParam = searches
                ? parameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Definition = p.Definition, Type = p.Type }).ToList()
                : [],
        };
    }

    /// <summary>For each type, the "Source:param" reference parameters that name it as a target.</summary>
    private static Dictionary<string, List<string>> RevIncludes(ServerCapabilities server)
    {
        var served = server.ResourceTypes.ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (source, parameters) in server.SearchParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var p in parameters.Where(p => p.Type == SearchParamType.Reference))
            {
                foreach (var target in p.Targets.Where(served.Contains))
                {
                    if (!result.TryGetValue(target, out var list))
                    {
                        result[target] = list = [];
                    }

                    list.Add($"{source}:{p.Name}");
                }
            }
        }

        return result;
    }
}
