namespace HealthHomes.Fhir.Storage;

/// <summary>
/// What the caller may see, applied inside every read, vread, history, search, count, include, chain and _has query
/// (never by filtering results afterwards). The three restrictions are AND'ed; a null one restricts nothing.
/// <see cref="Everything"/> is the server's own view; SMART scopes and the caller's registration fill the others.
/// </summary>
public sealed record AccessFilter
{
    /// <summary>
    /// Sees all data: the server's own reads (conformance definitions, health check) and callers whose scopes and
    /// registration see everything.
    /// </summary>
    public static readonly AccessFilter Everything = new();

    /// <summary>When set, only these resource types are visible (empty: none); null = every type.</summary>
    public IReadOnlySet<string>? ResourceTypes { get; init; }

    /// <summary>When set, only these members' data (and data about no member) is visible; null = every member's data.</summary>
    public MemberConfinement? Members { get; init; }

    /// <summary>
    /// Granular SMART restrictions (https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters):
    /// resource type -> OR-list of AND-lists of search parameters (name, value) a resource of that type must match.
    /// Types not listed are not restricted. A type with an empty OR-list is invisible; an empty AND-list matches every
    /// resource of the type. A parameter the store cannot apply (unknown, unsupported, invalid, or a result parameter
    /// such as _count) makes its AND-list match nothing: a restriction never widens.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>>? TypeRestrictions { get; init; }

    /// <summary>True when nothing is restricted (all three are null).</summary>
    public bool SeesEverything => ResourceTypes is null && Members is null && TypeRestrictions is null;
}

/// <summary>
/// Whose member data the caller sees. A resource is member data when it is a Patient or references a Patient
/// (through any indexed reference of its last live version); member data is visible only when it is a visible
/// Patient, or every Patient it references is visible (a resource about a visible and an invisible member is hidden).
/// Other resources (Organization, Practitioner, ValueSet, ...) are not confined.
/// </summary>
public abstract record MemberConfinement;

/// <summary>patient/ scopes: one member's record. The only visible Patient is Patient/<paramref name="PatientId"/>.</summary>
public sealed record OneMember(string PatientId) : MemberConfinement;

/// <summary>
/// user/ scopes: the members an organization serves. A Patient is visible when a current, not deleted EpisodeOfCare
/// with status active has <c>organization</c> (managingOrganization) = Organization/{one of <paramref name="OrganizationIds"/>}
/// and <c>patient</c> = the Patient, or a current CareTeam with status active has <c>participant</c> = one of
/// <paramref name="CareTeamMembers"/> (references such as "Practitioner/pr1", "PractitionerRole/r1") and
/// <c>patient</c>/<c>subject</c> = the Patient.
/// </summary>
public sealed record ServedMembers(IReadOnlyList<string> OrganizationIds, IReadOnlyList<string> CareTeamMembers) : MemberConfinement;
