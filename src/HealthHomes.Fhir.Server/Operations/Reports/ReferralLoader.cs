using System.Globalization;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>The referral Tasks (hh-task-code#referral) a provider owns, or all of them, with every version of each, through the caller's access filter.</summary>
public sealed record ReferralSet(IReadOnlyList<FhirTask> Referrals, IReadOnlyDictionary<string, IReadOnlyList<FhirTask>> History);

/// <summary>
/// Loads referral Tasks through the search index (Task?code=hh-task-code|referral, with owner=[reference] when
/// given; every page) and each one's history through <see cref="IResourceReader.HistoryAsync"/>, oldest version
/// first, as <see cref="CareManagement.Referrals.ReferralMetrics"/> reads them.
/// </summary>
public sealed class ReferralLoader(IResourceReader reader)
{
    private const int PageSize = 1000;

    public async Task<ReferralSet> LoadAsync(string? owner, AccessFilter access, CancellationToken ct)
    {
        var referrals = new List<FhirTask>();
        List<KeyValuePair<string, string>> first =
        [
            new("code", ProgramCodes.TaskCodeSystem + "|" + ProgramCodes.Referral),
            new("_count", PageSize.ToString(CultureInfo.InvariantCulture)),
        ];
        if (owner is not null)
        {
            first.Add(new("owner", owner));
        }

        IReadOnlyList<KeyValuePair<string, string>>? parameters = first;
        while (parameters is not null)
        {
            var page = await reader.SearchAsync(new SearchRequest("Task", parameters), access, ct).ConfigureAwait(false);
            referrals.AddRange(page.Matches.Where(m => m.Json is not null).Select(m => FhirSerialization.ParseStored(m.Json!)).OfType<FhirTask>());
            parameters = page.NextParameters;
        }

        var history = new Dictionary<string, IReadOnlyList<FhirTask>>(StringComparer.Ordinal);
        foreach (var id in referrals.Select(r => r.Id).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            history[id] = await HistoryAsync(id, access, ct).ConfigureAwait(false);
        }

        return new ReferralSet(referrals, history);
    }

    /// <summary>Every version of a Task, oldest first (deletion tombstones left out).</summary>
    private async Task<IReadOnlyList<FhirTask>> HistoryAsync(string id, AccessFilter access, CancellationToken ct)
    {
        var versions = new List<FhirTask>();
        long? before = null;
        do
        {
            var page = await reader.HistoryAsync(new HistoryRequest("Task", id, null, null, PageSize, before), access, ct).ConfigureAwait(false);
            versions.AddRange(page.Versions.Where(v => v.Json is not null).Select(v => FhirSerialization.ParseStored(v.Json!)).OfType<FhirTask>());
            before = page.NextBefore;
        }
        while (before is not null);

        versions.Reverse();
        return versions;
    }
}
