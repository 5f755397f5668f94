namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The SMART App Launch 2.x permissions on a resource type, one bit per letter of <c>cruds</c>
/// (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources).
/// The bits rise in the letters' order, so an ordered subsequence of <c>cruds</c> is a rising sequence of bits.
/// </summary>
[Flags]
public enum ResourcePermissions
{
    None = 0,

    /// <summary><c>c</c>: type-level create.</summary>
    Create = 1,

    /// <summary><c>r</c>: instance-level read, vread and instance history.</summary>
    Read = 2,

    /// <summary><c>u</c>: instance-level update and patch.</summary>
    Update = 4,

    /// <summary><c>d</c>: instance-level delete.</summary>
    Delete = 8,

    /// <summary><c>s</c>: type-level search and history.</summary>
    Search = 16,

    /// <summary><c>cruds</c>, and SMART v1's <c>*</c>.</summary>
    All = Create | Read | Update | Delete | Search,
}
