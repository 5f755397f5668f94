namespace HealthHomes.Fhir.Storage.Schema;

/// <summary>
/// A Patient the last live version of a resource referenced (through any indexed reference whose target type is
/// Patient): the member the resource is about. Written with the resource's index rows, replaced when a new version is
/// stored, and kept when the resource is deleted, so a member confinement (<see cref="MemberConfinement"/>) still
/// knows whose data the old versions of a deleted resource are.
/// </summary>
public sealed class MemberLinkRow
{
    public long ResourceKey { get; set; }

    public required string PatientId { get; set; }
}
