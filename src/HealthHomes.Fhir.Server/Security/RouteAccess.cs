using HealthHomes.Fhir.Server.Rest;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// What a FHIR route needs from the caller's scopes, attached to the route where it is mapped. The
/// <see cref="ScopeEnforcement"/> filter refuses a route that declares nothing (a new route without a declaration
/// fails closed).
/// </summary>
public abstract record RouteAccess
{
    /// <summary>Checks the caller against this route, for a request on this resource type (null: system level).</summary>
    public abstract void Ensure(FhirCaller caller, string? resourceType, HttpRequest http);
}

/// <summary>A REST interaction (read, search, create...) on the route's resource type.</summary>
public sealed record InteractionAccess(FhirInteraction Interaction) : RouteAccess
{
    public override void Ensure(FhirCaller caller, string? resourceType, HttpRequest http)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(http);
        var interaction = Interaction == FhirInteraction.Create && !string.IsNullOrWhiteSpace(http.Headers["If-None-Exist"])
            ? FhirInteraction.ConditionalCreate
            : Interaction;
        caller.Ensure(interaction, resourceType);
    }
}

/// <summary>An operation that reads (and possibly writes) these resource types.</summary>
public sealed record OperationAccess(string Operation, IReadOnlyList<(string ResourceType, ResourcePermissions Needed)> Needs) : RouteAccess
{
    public override void Ensure(FhirCaller caller, string? resourceType, HttpRequest http)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.EnsureAll(Operation, Needs);
    }
}

/// <summary>A batch or transaction: each entry is checked as the interaction it makes when the Bundle is read.</summary>
public sealed record BundleEntriesAccess : RouteAccess
{
    public override void Ensure(FhirCaller caller, string? resourceType, HttpRequest http)
    {
    }
}

/// <summary>Open to anyone, with or without a token (the CapabilityStatement).</summary>
public sealed record OpenAccess : RouteAccess
{
    public override void Ensure(FhirCaller caller, string? resourceType, HttpRequest http)
    {
    }
}

/// <summary>Declaring a route's access where it is mapped.</summary>
public static class RouteAccessDeclarations
{
    /// <summary>The resource types a program operation reads to build a member's record or a panel (see Operations/CareManagement).</summary>
    public static readonly string[] ProgramRecordTypes =
        ["Patient", "EpisodeOfCare", "CarePlan", "CareTeam", "Task", "Communication", "Encounter", "Consent", "ServiceRequest", "Organization", "PractitionerRole"];

    public static RouteHandlerBuilder Interaction(this RouteHandlerBuilder route, FhirInteraction interaction)
        => route.WithMetadata(new InteractionAccess(interaction));

    /// <summary>An operation reading <paramref name="reads"/> (permission r) and writing <paramref name="writes"/> (permission u, and c for a new resource).</summary>
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder route, string name, IEnumerable<string> reads, params string[] writes)
        => route.WithMetadata(new OperationAccess(name, [.. reads.Select(t => (t, ResourcePermissions.Read)), .. writes.Select(t => (t, ResourcePermissions.Create | ResourcePermissions.Update))]));

    public static RouteHandlerBuilder BundleEntries(this RouteHandlerBuilder route) => route.WithMetadata(new BundleEntriesAccess());

    public static TBuilder Open<TBuilder>(this TBuilder route)
        where TBuilder : IEndpointConventionBuilder
        => route.WithMetadata(new OpenAccess()).AllowAnonymous();

    /// <summary>The interaction an entry of a batch or transaction makes (https://hl7.org/fhir/R4/http.html#transaction).</summary>
    public static FhirInteraction InteractionOf(FhirRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (request.Method, request.Id, request.VersionId) switch
        {
            ("GET" or "HEAD", null, _) => FhirInteraction.SearchType,
            ("GET" or "HEAD", _, null) => FhirInteraction.Read,
            ("GET" or "HEAD", _, _) => FhirInteraction.VRead,
            ("POST", _, _) => string.IsNullOrWhiteSpace(request.IfNoneExist) ? FhirInteraction.Create : FhirInteraction.ConditionalCreate,
            ("PUT", null, _) => FhirInteraction.ConditionalUpdate,
            ("PUT", _, _) => FhirInteraction.Update,
            ("PATCH", null, _) => FhirInteraction.ConditionalPatch,
            ("PATCH", _, _) => FhirInteraction.Patch,
            ("DELETE", null, _) => FhirInteraction.ConditionalDelete,
            _ => FhirInteraction.Delete,
        };
    }
}
