using System.Globalization;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// How the operations read the store in bulk: every page of one search, every version of a Task, and parsing stored
/// JSON (on all cores when there is a lot of it). One place, so every loader pages and parses the same way.
/// </summary>
public static class StoredSearch
{
    public const int PageSize = 1000;

    /// <summary>Every match's stored JSON, every page (a <c>_count</c> of <see cref="PageSize"/> is added).</summary>
    public static async Task<List<string>> JsonAsync(this IResourceReader reader, string type, IEnumerable<KeyValuePair<string, string>> parameters, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var found = new List<string>();
        IReadOnlyList<KeyValuePair<string, string>>? page = [.. parameters, new("_count", PageSize.ToString(CultureInfo.InvariantCulture))];
        while (page is not null)
        {
            var result = await reader.SearchAsync(new SearchRequest(type, page), access, ct).ConfigureAwait(false);
            found.AddRange(result.Matches.Select(m => m.Json).OfType<string>());
            page = result.NextParameters;
        }

        return found;
    }

    /// <summary>Every match, parsed, every page.</summary>
    public static async Task<Resource[]> AllAsync(this IResourceReader reader, string type, IEnumerable<KeyValuePair<string, string>> parameters, AccessFilter access, CancellationToken ct) =>
        Parse(await reader.JsonAsync(type, parameters, access, ct).ConfigureAwait(false));

    /// <summary>Every match of one single-parameter search, parsed.</summary>
    public static Task<Resource[]> AllAsync(this IResourceReader reader, string type, string parameter, string value, AccessFilter access, CancellationToken ct) =>
        reader.AllAsync(type, [new(parameter, value)], access, ct);

    /// <summary>Every stored version of a Task, oldest first (deletion tombstones left out; each version carries its meta.lastUpdated).</summary>
    public static async Task<IReadOnlyList<FhirTask>> TaskVersionsAsync(this IResourceReader reader, string id, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var versions = new List<FhirTask>();
        long? before = null;
        do
        {
            var page = await reader.HistoryAsync(new HistoryRequest("Task", id, null, null, PageSize, before), access, ct).ConfigureAwait(false);
            versions.AddRange(page.Versions.Select(v => v.Json).OfType<string>().Select(FhirSerialization.ParseStored).OfType<FhirTask>());
            before = page.NextBefore;
        }
        while (before is not null);

        versions.Reverse();
        return versions;
    }

    /// <summary>Stored JSON as POCOs, parsed on all cores when there is a lot of it (parsing is most of a panel's load time).</summary>
    public static Resource[] Parse(IReadOnlyList<string> json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = new Resource[json.Count];
        if (json.Count < 64)
        {
            for (var i = 0; i < json.Count; i++)
            {
                parsed[i] = FhirSerialization.ParseStored(json[i]);
            }
        }
        else
        {
            Parallel.For(0, json.Count, i => parsed[i] = FhirSerialization.ParseStored(json[i]));
        }

        return parsed;
    }
}
