namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>
/// Patients with family names and birth dates for _sort, and a fresh database per test for paging under writes.
/// Keys are seeded in id order, so ResourceKey order is a1 &lt; a2 &lt; ... (the tie-breaker).
/// </summary>
public sealed class SortFixture : IndexedResourceSeeder
{
    public SortFixture()
    {
        Add("Patient", "a1", r => r.String("family", "Zeta").Day("birthdate", "1980-01-01").Token("gender", null, "female"));
        Add("Patient", "a2", r => r.String("family", "Alpha").Day("birthdate", "1970-01-01").Token("gender", null, "male"));
        Add("Patient", "a3", r => r.String("family", "Mu").Day("birthdate", "1990-01-01").Token("gender", null, "female"));
        Add("Patient", "a4", r => r.String("family", "alpha").Token("gender", null, "male"));        // no birthdate
        Add("Patient", "a5", r => r.Day("birthdate", "1970-01-01"));                                // no family
        // two family names: sorts ascending by "Beta", descending by "Omega"
        Add("Patient", "a6", r => r.String("family", "Beta").String("family", "Omega").Day("birthdate", "1960-01-01"));
    }
}

public sealed class SortAndPagingTests(SortFixture db) : IClassFixture<SortFixture>
{
    [Theory]
    [InlineData("_sort=family", "a2,a4,a6,a3,a1,a5")]        // alpha = Alpha (normalised): ResourceKey breaks the tie; no family last
    [InlineData("_sort=-family", "a1,a6,a3,a2,a4,a5")]       // a6 by its largest value, Omega; still no family last
    [InlineData("_sort=birthdate", "a6,a2,a5,a1,a3,a4")]
    [InlineData("_sort=-birthdate", "a3,a1,a2,a5,a6,a4")]
    [InlineData("_sort=gender,-birthdate", "a3,a1,a2,a4,a5,a6")]
    [InlineData("_sort=-_id", "a6,a5,a4,a3,a2,a1")]
    [InlineData("_sort=_lastUpdated", "a1,a2,a3,a4,a5,a6")]
    [InlineData("", "a1,a2,a3,a4,a5,a6")]
    public async Task Sort_orders(string query, string expected)
        => Assert.Equal(expected.Split(','), (await db.SearchAsync("Patient", query)).Matches.Select(m => m.Id));

    [Theory]
    [InlineData("_sort=family")]
    [InlineData("_sort=-birthdate,family")]
    [InlineData("_sort=gender,-_id")]
    [InlineData("")]
    public async Task Paging_forward_then_back_visits_every_row_once(string sort)
    {
        var all = (await db.SearchAsync("Patient", sort)).Matches.Select(m => m.Id).ToArray();
        var pages = new List<SearchResult>();
        var result = await db.SearchAsync("Patient", sort + "&_count=2");
        Assert.Null(result.PreviousParameters);
        pages.Add(result);
        while (result.NextParameters is { } next)
        {
            result = await db.SearchAsync("Patient", next);
            pages.Add(result);
        }

        Assert.Equal(all, pages.SelectMany(p => p.Matches).Select(m => m.Id));
        Assert.Equal(3, pages.Count);

        // and back from the last page
        var back = new List<string>();
        result = pages[^1];
        back.InsertRange(0, result.Matches.Select(m => m.Id));
        while (result.PreviousParameters is { } previous)
        {
            result = await db.SearchAsync("Patient", previous);
            back.InsertRange(0, result.Matches.Select(m => m.Id));
        }

        Assert.Equal(all, back);
    }

    [Theory]
    [InlineData("_total=accurate&_count=2", 6, 2)]
    [InlineData("_count=2", null, 2)]
    [InlineData("_count=10", 6, 6)]        // the whole result on one page: the total is known for free
    [InlineData("_total=none&_count=10", null, 6)]
    [InlineData("_count=0", 6, 0)]
    [InlineData("_summary=count", 6, 0)]
    [InlineData("gender=male&_summary=count", 2, 0)]
    public async Task Totals(string query, int? total, int matches)
    {
        var result = await db.SearchAsync("Patient", query);
        Assert.Equal(total, result.Total);
        Assert.Equal(matches, result.Matches.Count);
    }

    [Theory]
    [InlineData("_cursor=garbage")]
    [InlineData("_cursor=WyJuIl0")]
    [InlineData("_count=-1")]
    [InlineData("_count=ten")]
    [InlineData("_total=maybe")]
    public async Task Malformed_paging_parameters_are_invalid(string query)
        => await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Patient", query));

    [Fact]
    public async Task A_cursor_made_for_another_sort_is_invalid()
    {
        var first = await db.SearchAsync("Patient", "_sort=family&_count=2");
        var cursor = first.NextParameters!.Single(p => p.Key == "_cursor").Value;
        await Assert.ThrowsAsync<InvalidSearchException>(() => db.SearchAsync("Patient", "_sort=birthdate&_cursor=" + cursor));
    }

    [Fact]
    public async Task Next_parameters_are_the_applied_ones_plus_a_cursor()
    {
        var result = await db.SearchAsync("Patient", "gender=female,male&_sort=family&_count=1&nosuch=1&_format=json");
        Assert.Equal(["gender", "_sort", "_count", "_cursor"], result.NextParameters!.Select(p => p.Key));
        Assert.Equal(["gender", "_sort", "_count"], result.SelfParameters.Select(p => p.Key));
    }

    [Fact]
    public async Task Writes_between_pages_neither_skip_nor_repeat()
    {
        using var fresh = new IndexedResourceSeeder();
        foreach (var name in new[] { "b", "d", "f", "h", "j", "l" })
        {
            fresh.Add("Patient", name, r => r.String("family", name));
        }

        var page1 = await fresh.SearchAsync("Patient", "_sort=family&_count=3");
        Assert.Equal(["b", "d", "f"], page1.Matches.Select(m => m.Id));

        // between the pages: a new resource that sorts before the cursor, one that sorts after it, and a page-1 deletion
        fresh.Add("Patient", "a", r => r.String("family", "a"));
        fresh.Add("Patient", "g", r => r.String("family", "g"));
        fresh.Delete("Patient", "d");

        var page2 = await fresh.SearchAsync("Patient", page1.NextParameters!);
        Assert.Equal(["g", "h", "j"], page2.Matches.Select(m => m.Id));
        var page3 = await fresh.SearchAsync("Patient", page2.NextParameters!);
        Assert.Equal(["l"], page3.Matches.Select(m => m.Id));
        Assert.Null(page3.NextParameters);

        // going back from page 2 shows page 1 as it is now
        var back = await fresh.SearchAsync("Patient", page2.PreviousParameters!);
        Assert.Equal(["a", "b", "f"], back.Matches.Select(m => m.Id));
    }

    [Fact]
    public async Task Count_is_capped_at_1000()
    {
        var result = await db.SearchAsync("Patient", "_count=5000");
        Assert.Contains(new KeyValuePair<string, string>("_count", "5000"), result.SelfParameters);
        Assert.Equal(6, result.Matches.Count);
    }
}
