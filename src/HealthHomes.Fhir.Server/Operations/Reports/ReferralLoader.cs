using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>The referral Tasks (hh-task-code#referral) a provider owns, or all of them, with every version of each, through the caller's access filter.</summary>
public sealed record ReferralSet(IReadOnlyList<FhirTask> Referrals, IReadOnlyDictionary<string, IReadOnlyList<FhirTask>> History);

/// <summary>
/// Loads referral Tasks through the search index (Task?code=hh-task-code|referral, with owner=[reference] when
/// given; every page) and their histories through <see cref="StoredSearch.TaskHistoriesAsync"/>, oldest version
/// first, as <see cref="CareManagement.Referrals.ReferralMetrics"/> reads them.
/// </summary>
public sealed class ReferralLoader(IResourceReader reader)
{
    public async Task<ReferralSet> LoadAsync(string? owner, AccessFilter access, CancellationToken ct)
    {
        List<KeyValuePair<string, string>> parameters = [new("code", ProgramCodes.TaskCodeSystem + "|" + ProgramCodes.Referral)];
        if (owner is not null)
        {
            parameters.Add(new("owner", owner));
        }

        var referrals = (await reader.AllAsync("Task", parameters, access, ct).ConfigureAwait(false)).OfType<FhirTask>().ToList();

        var history = await reader.TaskHistoriesAsync(referrals, access, ct).ConfigureAwait(false);

        return new ReferralSet(referrals, history);
    }
}
