namespace HealthHomes.Fhir.Storage;

/// <summary>
/// What the caller may see, applied inside every read, search and history query (never by filtering results
/// afterwards). <see cref="Unrestricted"/> is the only filter the foundation uses; SMART scopes and
/// organization scoping fill the other members.
/// </summary>
/// <param name="ResourceTypes">When set, only these resource types are visible.</param>
/// <param name="Compartment">When set, only resources in this compartment are visible (e.g. one member's record).</param>
public sealed record AccessFilter(IReadOnlySet<string>? ResourceTypes, CompartmentScope? Compartment)
{
    public static readonly AccessFilter Unrestricted = new(null, null);

    public bool IsUnrestricted => ResourceTypes is null && Compartment is null;
}

/// <summary>A compartment such as Patient/123: the compartment resource itself and every resource that references it.</summary>
public sealed record CompartmentScope(string CompartmentType, string Id);
