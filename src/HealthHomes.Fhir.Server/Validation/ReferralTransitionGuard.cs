using System.Net;
using HealthHomes.Fhir.CareManagement.Referrals;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Server.Validation;

/// <summary>
/// ECM-CLR on every write of a closed-loop referral Task (code hh-task-code#referral): the status change from the
/// stored version must follow the referral workflow (<see cref="ReferralWorkflow"/>: no move back from a terminal
/// state, a closure needs a reason), else 422 with one issue per violation, each citing ECM-CLR, and nothing stored.
/// </summary>
public static class ReferralTransitionGuard
{
    public static async Task EnsureAllowedAsync(IWriteSession session, Resource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (resource is not FhirTask task || !ReferralWorkflow.IsReferral(task))
        {
            return;
        }

        FhirTask? previous = null;
        if (!string.IsNullOrEmpty(task.Id)
            && await session.ReadAsync("Task", task.Id, AccessFilter.Everything, ct).ConfigureAwait(false) is { IsDeleted: false, Json: { } json }
            && Rest.Formats.FhirSerialization.ParseJson(json) is FhirTask stored
            && ReferralWorkflow.IsReferral(stored))
        {
            previous = stored;
        }

        var violations = ReferralWorkflow.Check(previous, task);
        if (violations.Count > 0)
        {
            throw new FhirRequestException(HttpStatusCode.UnprocessableEntity, [.. violations.Select(v =>
                FhirRequestException.Issue(OperationOutcome.IssueType.BusinessRule, $"{v.Message} [{v.Code}]", v.Expression))]);
        }
    }
}
