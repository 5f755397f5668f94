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

    /// <summary>How many Tasks' versions are read in one statement.</summary>
    public const int HistoryBatchSize = 500;

    /// <summary>
    /// Every stored version of each Task, oldest first (deletion tombstones left out; each version carries its
    /// meta.lastUpdated), by Task id. A Task at version 1 has no earlier version: its history is itself, with no read.
    /// The others' versions are read a few hundred Tasks per statement and parsed on all cores.
    /// </summary>
    public static async Task<Dictionary<string, IReadOnlyList<FhirTask>>> TaskHistoriesAsync(this IResourceReader reader, IEnumerable<FhirTask> tasks, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(tasks);
        var history = new Dictionary<string, IReadOnlyList<FhirTask>>(StringComparer.Ordinal);
        var earlier = new List<string>();
        foreach (var task in tasks)
        {
            if (task.Id is not { } id)
            {
                continue;
            }

            if (task.Meta?.VersionId == "1")
            {
                history[id] = [task];
            }
            else if (history.TryAdd(id, []))
            {
                earlier.Add(id);
            }
        }

        foreach (var chunk in earlier.Chunk(HistoryBatchSize))
        {
            var versions = (await reader.VersionsAsync("Task", chunk, access, ct).ConfigureAwait(false))
                .Where(v => !v.IsDeleted && v.Json is not null).ToList();
            var parsed = Parse([.. versions.Select(v => v.Json!)]);
            foreach (var group in parsed.OfType<FhirTask>().Where(t => t.Id is not null).GroupBy(t => t.Id!, StringComparer.Ordinal))
            {
                history[group.Key] = [.. group];
            }
        }

        return history;
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
