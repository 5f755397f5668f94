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
        var plan = new SearchQueryParser(IndexedResourceSeeder.Registry, request, AccessFilter.Unrestricted).Parse();
        var sql = PageQuery.Page(plan, new AccessCriterion(AccessFilter.Unrestricted), null, 21);
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
        var plan = new SearchQueryParser(IndexedResourceSeeder.Registry, request, AccessFilter.Unrestricted).Parse();
        var cursor = cursorKey is null ? null : new PageCursor(false, PageCursor.Signature(plan.Sort), [], long.Parse(cursorKey, System.Globalization.CultureInfo.InvariantCulture));
        var sql = PageQuery.Page(plan, new AccessCriterion(AccessFilter.Unrestricted), cursor, 101);
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
}
