using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Validation;

/// <summary>
/// What a resource's write needs that depends on its content alone, computed before the write lock: every validation
/// issue (errors included: the write refuses them when it runs) and its index rows (null when they could not be
/// extracted ahead, or the resource has errors: the session extracts them itself).
/// </summary>
public sealed record PreparedWrite(IReadOnlyList<OperationOutcome.IssueComponent> Issues, ResourceIndexEntries? Index)
{
    public bool HasErrors => Issues.Any(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);
}
