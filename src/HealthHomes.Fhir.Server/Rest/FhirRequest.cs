using HealthHomes.Fhir.Server.Security;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// One FHIR interaction, independent of where it came from: an HTTP request or an entry of a batch/transaction
/// Bundle. Interaction handlers see only this, so both paths run the same code.
/// </summary>
public sealed record FhirRequest
{
    public required string Method { get; init; }

    public string? ResourceType { get; init; }

    public string? Id { get; init; }

    public string? VersionId { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    public Resource? Body { get; init; }

    /// <summary>The raw body of a PATCH (a JSON Patch document).</summary>
    public string? PatchDocument { get; init; }

    /// <summary>
    /// The id a create will get, chosen in advance by a transaction so that references to the entry's fullUrl can be
    /// rewritten before the entry runs. Null for a create over HTTP: the interaction picks one.
    /// </summary>
    public string? AssignedId { get; init; }

    public string? IfMatch { get; init; }

    public string? IfNoneMatch { get; init; }

    public DateTimeOffset? IfModifiedSince { get; init; }

    public string? IfNoneExist { get; init; }

    public PreferReturn PreferReturn { get; init; } = PreferReturn.Representation;

    /// <summary>Prefer: handling=strict.</summary>
    public bool StrictHandling { get; init; }

    /// <summary>Who is asking: their scopes were checked before the interaction ran (see Security.ScopeEnforcement).</summary>
    public required FhirCaller Caller { get; init; }

    /// <summary>The caller's confinement, which every storage read made for this request applies inside its query.</summary>
    public AccessFilter Access => Caller.Access;

    /// <summary>The server's base URL, e.g. "http://localhost:5000/fhir" (no trailing slash).</summary>
    public required string BaseUrl { get; init; }

    /// <summary>The client asked for CSV (Accept: text/csv or _format=csv); only report operations honour it.</summary>
    public bool WantsCsv { get; init; }

    public string? QueryValue(string name) => Query.LastOrDefault(p => p.Key == name).Value;
}

/// <summary>Prefer: return=minimal | representation | OperationOutcome.</summary>
public enum PreferReturn
{
    Representation,
    Minimal,
    OperationOutcome,
}
