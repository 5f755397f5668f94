using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// _include and _revinclude (https://hl7.org/fhir/R4/search.html#include): one statement per level for all the
/// specs together; :iterate specs run once more over what the first level included. Each resource comes once and
/// never repeats a match; the caller's access filter applies to everything included.
/// </summary>
internal static class IncludeLoader
{
    public static async Task<List<StoredResource>> LoadAsync(SqliteConnection connection, SqliteTransaction? transaction,
        IReadOnlyList<IncludeSpec> specs, IReadOnlyCollection<long> matches, SearchCriterion access, CancellationToken ct)
    {
        var included = new List<StoredResource>();
        if (specs.Count == 0 || matches.Count == 0)
        {
            return included;
        }

        var seen = new HashSet<long>(matches);
        IReadOnlyCollection<long> sources = matches;
        foreach (var level in new[] { specs, specs.Where(s => s.Iterate).ToArray() })
        {
            if (level.Count == 0 || sources.Count == 0)
            {
                break;
            }

            var q = Level(level, sources, seen, access);
            await using var command = q.CreateCommand(connection, transaction);
            var rows = await ResourceRowReader.ReadAsync(command, [], ct).ConfigureAwait(false);
            var fresh = rows.Where(r => seen.Add(r.ResourceKey)).ToArray();
            included.AddRange(fresh.Select(r => r.Resource));
            sources = fresh.Select(r => r.ResourceKey).ToArray();
        }

        return included;
    }

    /// <summary>
    /// Each branch starts from the source keys (CROSS JOIN fixes the join order in SQLite): without statistics the
    /// planner otherwise starts from every reference of the parameter or target type, which grows with the store.
    /// </summary>
    private static SqlQuery Level(IReadOnlyList<IncludeSpec> specs, IReadOnlyCollection<long> sources, IReadOnlyCollection<long> exclude, SearchCriterion access)
    {
        var q = new SqlQuery();
        var src = q.Bind(JsonSerializer.Serialize(sources));
        var branches = new List<string>();
        var forward = specs.Where(s => !s.Reverse).Select(s => IncludeCondition(q, s, "i")).ToArray();
        if (forward.Length > 0)
        {
            branches.Add($"SELECT t.ResourceKey FROM json_each({src}) k CROSS JOIN ReferenceIndex i ON i.ResourceKey = k.value "
                + $"JOIN Resource t ON t.ResourceType = i.TargetType AND t.LogicalId = i.TargetId WHERE ({string.Join(" OR ", forward)})");
        }

        var reverse = specs.Where(s => s.Reverse).Select(s => RevIncludeCondition(q, s, "i", "s")).ToArray();
        if (reverse.Length > 0)
        {
            branches.Add($"SELECT i.ResourceKey FROM json_each({src}) k CROSS JOIN Resource s ON s.ResourceKey = k.value "
                + $"JOIN ReferenceIndex i ON i.TargetType = s.ResourceType AND i.TargetId = s.LogicalId WHERE ({string.Join(" OR ", reverse)})");
        }

        q.Text.Append("SELECT ").Append(ResourceRowReader.Columns).Append(" FROM ").Append(ResourceRowReader.From)
            .Append(" WHERE r.IsDeleted = 0 AND r.ResourceKey NOT IN (SELECT value FROM json_each(").Append(q.Bind(JsonSerializer.Serialize(exclude))).Append("))")
            .Append(" AND r.ResourceKey IN (").Append(string.Join(" UNION ", branches)).Append(')')
            .Append(" AND (").Append(access.ToSql(q, "r")).Append(") ORDER BY r.ResourceKey");
        return q;
    }

    private static string IncludeCondition(SqlQuery q, IncludeSpec spec, string i)
    {
        var parts = new List<string> { spec.ParameterIds is null ? "1 = 1" : SqlQuery.ParameterIdFilter(i, spec.ParameterIds) };
        if (spec.TargetType is not null)
        {
            parts.Add($"{i}.TargetType = {q.Bind(spec.TargetType)}");
        }

        return "(" + string.Join(" AND ", parts) + ")";
    }

    private static string RevIncludeCondition(SqlQuery q, IncludeSpec spec, string i, string s)
    {
        var parts = new List<string> { spec.ParameterIds is null ? "1 = 1" : SqlQuery.ParameterIdFilter(i, spec.ParameterIds) };
        if (spec.TargetType is not null)
        {
            parts.Add($"{s}.ResourceType = {q.Bind(spec.TargetType)}");
        }

        return "(" + string.Join(" AND ", parts) + ")";
    }
}
