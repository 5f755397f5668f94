using System.Globalization;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// Builds the statements of a search: the page (ordered by the sort keys then ResourceKey, started after a keyset
/// cursor) and the count. Both share one WHERE clause over the Resource row.
/// </summary>
internal static class PageQuery
{
    /// <summary>The match condition on Resource r: current, of the type, meeting every criterion, visible to the caller.</summary>
    public static string Where(SqlQuery q, SearchPlan plan, SearchCriterion access)
    {
        var parts = new List<string> { "r.IsDeleted = 0" };
        if (plan.ResourceType is not null)
        {
            // With a key set from an index, "+" keeps the planner from scanning the type's rows instead of starting there.
            var driven = plan.Criteria.Any(c => c.IsKeySet);
            parts.Add($"{(driven ? "+" : "")}r.ResourceType = {q.Bind(plan.ResourceType)}");
        }

        parts.AddRange(plan.Criteria.Select(c => "(" + c.ToSql(q, "r") + ")"));
        if (access.ToSql(q, "r") is var a && a != "1 = 1")
        {
            parts.Add(a);
        }

        return string.Join("\n  AND ", parts);
    }

    public static SqlQuery Count(SearchPlan plan, SearchCriterion access)
    {
        var q = new SqlQuery();
        q.Text.Append("SELECT COUNT(*) FROM Resource r WHERE ").Append(Where(q, plan, access));
        return q;
    }

    /// <summary>
    /// One page of <paramref name="limit"/> rows. Reading backward (a previous page) reverses every direction; the
    /// caller reverses the rows back.
    /// </summary>
    public static SqlQuery Page(SearchPlan plan, SearchCriterion access, PageCursor? cursor, int limit)
    {
        var q = new SqlQuery();
        var backward = cursor?.Backward ?? false;
        var keys = plan.Sort.Select((k, i) => (Key: k, Column: "m.k" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        q.Text.Append("SELECT * FROM (SELECT ").Append(ResourceRowReader.Columns);
        foreach (var (key, column) in keys)
        {
            q.Text.Append(", ").Append(key.ToSql("r")).Append(" AS ").Append(column[2..]);
        }

        q.Text.Append(" FROM ").Append(ResourceRowReader.From).Append(" WHERE ").Append(Where(q, plan, access)).Append(") m");

        // Ordering components: per key (no value last, value in its direction), then ResourceKey ascending.
        var components = new List<(string Expr, bool Descending, object? CursorValue)>();
        for (var i = 0; i < keys.Length; i++)
        {
            var value = cursor?.Values[i];
            components.Add(($"({keys[i].Column} IS NULL)", backward, value is null ? 1L : 0L));
            components.Add((keys[i].Column, keys[i].Key.Descending != backward, value));
        }

        components.Add(("m.ResourceKey", backward, cursor?.ResourceKey));
        if (cursor is not null)
        {
            q.Text.Append(" WHERE ").Append(After(q, components));
        }

        q.Text.Append(" ORDER BY ").Append(string.Join(", ", components.Select(c => c.Expr + (c.Descending ? " DESC" : " ASC"))));
        q.Text.Append(" LIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
        return q;
    }

    /// <summary>
    /// The rows strictly after the cursor in the (lexicographic) order of the components:
    /// c1 after v1, or c1 = v1 and c2 after v2, ... A null cursor value has nothing after it within its component.
    /// </summary>
    private static string After(SqlQuery q, List<(string Expr, bool Descending, object? CursorValue)> components)
    {
        var disjuncts = new List<string>();
        var equalSoFar = new List<string>();
        foreach (var (expr, descending, value) in components)
        {
            if (value is not null)
            {
                disjuncts.Add(string.Join(" AND ", equalSoFar.Append($"{expr} {(descending ? "<" : ">")} {q.Bind(value)}")));
            }

            equalSoFar.Add($"{expr} IS {q.Bind(value)}");
        }

        return "(" + string.Join(") OR (", disjuncts) + ")";
    }
}
