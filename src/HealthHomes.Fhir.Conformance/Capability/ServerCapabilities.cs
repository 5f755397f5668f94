using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Capability;

/// <summary>
/// What the server really does, as plain data handed over by the Server project: the interactions its route table
/// serves and the search parameters its store indexes. <see cref="CapabilityStatementBuilder"/> turns it into the
/// CapabilityStatement; nothing is advertised that is not listed here.
/// </summary>
public sealed record ServerCapabilities
{
    public required string SoftwareName { get; init; }

    public required string SoftwareVersion { get; init; }

    /// <summary>The base URL when it is fixed by configuration; else the statement names none.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The resource types served, each with every interaction in <see cref="TypeInteractions"/>.</summary>
    public required IReadOnlyList<string> ResourceTypes { get; init; }

    public required IReadOnlySet<CapabilityStatement.TypeRestfulInteraction> TypeInteractions { get; init; }

    public required IReadOnlySet<CapabilityStatement.SystemRestfulInteraction> SystemInteractions { get; init; }

    /// <summary>create honours If-None-Exist.</summary>
    public bool ConditionalCreate { get; init; }

    /// <summary>PUT [type]?criteria is served.</summary>
    public bool ConditionalUpdate { get; init; }

    /// <summary>DELETE [type]?criteria is served (one match at most).</summary>
    public bool ConditionalDelete { get; init; }

    /// <summary>PUT [type]/[id] for an unknown id creates it.</summary>
    public bool UpdateCreate { get; init; }

    /// <summary>_include and _revinclude are answered by search.</summary>
    public bool Includes { get; init; }

    /// <summary>Operations served on every resource type (rest.resource.operation), e.g. $validate.</summary>
    public IReadOnlyList<OperationFacts> Operations { get; init; } = [];

    /// <summary>Operations served on some resource types only (rest.resource.operation), e.g. Patient $engagement-status.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OperationFacts>> TypeOperations { get; init; } = new Dictionary<string, IReadOnlyList<OperationFacts>>();

    /// <summary>Operations served at the server's base (rest.operation).</summary>
    public IReadOnlyList<OperationFacts> SystemOperations { get; init; } = [];

    /// <summary>The profiles of each resource type the server publishes (rest.resource.supportedProfile).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SupportedProfiles { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The search parameters of each resource type.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<SearchParameterFacts>> SearchParameters { get; init; }
}

/// <summary>One search parameter of one resource type.</summary>
/// <param name="Targets">For a reference parameter, the resource types it may point at (empty: any).</param>
public sealed record SearchParameterFacts(string Name, string Definition, SearchParamType Type, IReadOnlyList<string> Targets);

/// <summary>An operation by its name (without the $) and the canonical url of its OperationDefinition.</summary>
public sealed record OperationFacts(string Name, string Definition);
