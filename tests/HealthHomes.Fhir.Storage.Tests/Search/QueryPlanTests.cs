using System.Text.RegularExpressions;
using HealthHomes.Fhir.Storage.Search;

namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Searches are driven by the index tables, never by a scan of every resource of the type.</summary>
public sealed class QueryPlanTests(TokenSearchFixture db) : IClassFixture<TokenSearchFixture>
{
    [Theory]
    [InlineData("Observation", "code=1234-5")]
    [InlineData("Observation", "code=http://loinc.org|1234-5&status=final")]
    [InlineData("Patient", "identifier=urn:mrn|123")]
    [InlineData("Patient", "name=smi")]
    [InlineData("Patient", "birthdate=1974&_sort=-birthdate")]
    [InlineData("Observation", "subject:Patient.name=smith")]
    [InlineData("Observation", "subject=Patient/p1,Patient/p2,Patient/p3")]
    [InlineData("Patient", "_id=p1")]
    [InlineData("Patient", "_id=p1,p2,p3")]
    [InlineData("Patient", "_id=p1,p2,p3&name=smi")]
    public void Searches_start_from_the_index_rows(string type, string query)
    {
        var request = new SearchRequest(type, IndexedResourceSeeder.Parse(query));
        var plan = new SearchQueryParser(IndexedResourceSeeder.Registry, request, AccessFilter.Everything).Parse();
        var sql = PageQuery.Page(plan, new AccessCriterion(IndexedResourceSeeder.Registry, AccessFilter.Everything), null, 21);
        using var command = sql.CreateCommand(db.Connection, null);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        Assert.StartsWith("SEARCH r USING INTEGER PRIMARY KEY", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("SCAN", StringComparison.Ordinal) && !l.Contains("json_each", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("100")]
    public void Paging_through_a_whole_type_walks_the_type_key_index_from_the_cursor_without_sorting_the_type(string? cursorKey)
    {
        var request = new SearchRequest("Observation", IndexedResourceSeeder.Parse("_count=100"));
        var plan = new SearchQueryParser(IndexedResourceSeeder.Registry, request, AccessFilter.Everything).Parse();
        var cursor = cursorKey is null ? null : new PageCursor(false, PageCursor.Signature(plan.Sort), [], long.Parse(cursorKey, System.Globalization.CultureInfo.InvariantCulture));
        var sql = PageQuery.Page(plan, new AccessCriterion(IndexedResourceSeeder.Registry, AccessFilter.Everything), cursor, 101);
        using var command = sql.CreateCommand(db.Connection, null);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        Assert.Contains(lines, l => l.Contains("IX_Resource_Type_Key", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private static readonly Dictionary<string, AccessFilter> Filters = new()
    {
        ["one-member"] = new() { Members = new OneMember("p1") },
        ["served"] = new() { Members = new ServedMembers(["org1", "org2"], ["Practitioner/pr1", "PractitionerRole/r1"]) },
        ["restricted"] = new()
        {
            TypeRestrictions = new Dictionary<string, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>>
            {
                ["Observation"] = [[new("category", "http://terminology.hl7.org/CodeSystem/observation-category|laboratory")], [new("code", "a"), new("status", "final")]],
                ["Patient"] = [[new("active", "true")]],
            },
        },
    };

    /// <summary>
    /// The access filter adds no scan: member confinement probes MemberLink by its key per row, the served members
    /// (computed once per statement, never per row) start from the organizations' and participants' target index
    /// rows, and type restrictions probe the row's own index rows.
    /// </summary>
    [Theory]
    [InlineData("one-member", "Observation", "code=1234-5", true)]
    [InlineData("one-member", "Patient", "_id=p1,p2,p3", true)]
    [InlineData("one-member", "Observation", "subject:Patient.name=smith", true)]
    [InlineData("one-member", "Patient", "_has:Observation:subject:code=a", false)]
    [InlineData("served", "Observation", "code=1234-5", true)]
    [InlineData("served", "Observation", "subject:Patient.name=smith", true)]
    [InlineData("served", "Observation", "_count=100", false)]
    [InlineData("restricted", "Observation", "code=1234-5", true)]
    [InlineData("restricted", "Observation", "subject:Patient.name=smith", true)]
    [InlineData("restricted", "Patient", "identifier=urn:mrn|123", true)]
    public void Access_filters_add_no_scan(string filter, string type, string query, bool keySet)
    {
        var request = new SearchRequest(type, IndexedResourceSeeder.Parse(query));
        var parser = new SearchQueryParser(IndexedResourceSeeder.Registry, request, Filters[filter]);
        var lines = Plan(PageQuery.Page(parser.Parse(), parser.Access, null, 21));

        if (keySet)
        {
            Assert.StartsWith("SEARCH r USING INTEGER PRIMARY KEY", lines[0], StringComparison.Ordinal);
        }

        AssertNoScan(lines);
    }

    /// <summary>A read (one row by type and id) under each filter: the filter's probes only.</summary>
    [Theory]
    [InlineData("one-member")]
    [InlineData("served")]
    [InlineData("restricted")]
    public void Reads_under_an_access_filter_add_no_scan(string filter)
    {
        var query = new SqlQuery();
        query.Text.Append($"SELECT r.ResourceKey FROM Resource r WHERE r.ResourceType = {query.Bind("Observation")} AND r.LogicalId = {query.Bind("o1")} AND ")
            .Append(new AccessCriterion(IndexedResourceSeeder.Registry, Filters[filter]).ToSql(query, "r"));
        var lines = Plan(query);

        Assert.Equal("SEARCH r USING COVERING INDEX UX_Resource_Type_Id (ResourceType=? AND LogicalId=?)", lines[0]);
        AssertNoScan(lines);

        // A restriction tests the row's own index rows; it never collects every matching row of the store.
        Assert.All(lines.Where(l => Regex.IsMatch(l, @"^SEARCH x\d+ ")), l => Assert.EndsWith("_Resource (ResourceKey=?)", l, StringComparison.Ordinal));
    }

    private static void AssertNoScan(List<string> lines)
    {
        Assert.DoesNotContain(lines, l => l.StartsWith("SCAN", StringComparison.Ordinal) && !l.Contains("VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("CORRELATED LIST SUBQUERY", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Contains("MemberLink", StringComparison.Ordinal)), l => Assert.EndsWith("(ResourceKey=?)", l, StringComparison.Ordinal));

        // Served members: from the organizations' and participants' target rows, then each episode's or team's own rows.
        Assert.All(lines.Where(l => Regex.IsMatch(l, @"^SEARCH (eo|cm)\d+ ")), l => Assert.Contains("IX_ReferenceIndex_Target_Type_Param", l, StringComparison.Ordinal));
        Assert.All(lines.Where(l => Regex.IsMatch(l, @"^SEARCH (es|ep|cs|cp)\d+ ")), l => Assert.EndsWith("_Resource (ResourceKey=?)", l, StringComparison.Ordinal));
    }

    private List<string> Plan(SqlQuery sql)
    {
        using var command = sql.CreateCommand(db.Connection, null);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }
}
