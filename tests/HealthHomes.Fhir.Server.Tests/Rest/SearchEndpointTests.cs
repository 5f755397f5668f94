using System.Net;
using System.Xml.Linq;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>
/// The search endpoints' Bundles: entry shape, links, totals, POST _search, lenient and strict handling,
/// _summary and _elements. Each test seeds patients under its own family name, so tests never see each other's data.
/// </summary>
public sealed class SearchEndpointTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Searchset_has_fullUrl_match_mode_self_link_and_an_accurate_total()
    {
        var (family, ids) = await SeedAsync(3);

        var bundle = await GetBundleAsync($"Patient?family={family}&_total=accurate");

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(3, bundle.Total);
        Assert.Equal(ids.Order(), bundle.Ids(Bundle.SearchEntryMode.Match).Order());
        Assert.All(bundle.Entry, e => Assert.Equal($"http://localhost/fhir/Patient/{e.Resource!.Id}", e.FullUrl));
        Assert.Contains($"family={family}", bundle.Self(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/fhir/Patient?", bundle.Self(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_pages_through_next_and_back_through_previous()
    {
        var (family, ids) = await SeedAsync(3);

        var first = await GetBundleAsync($"Patient?family={family}&_count=2");
        var second = await GetBundleAsync(first.Next());
        var back = await GetBundleAsync(second.Link("previous") ?? throw new InvalidOperationException("no previous link"));

        Assert.Equal(2, first.Ids().Count);
        Assert.Single(second.Ids());
        Assert.Null(second.Link("next"));
        Assert.Equal(ids.Order(), first.Ids().Concat(second.Ids()).Order());
        Assert.Equal(first.Ids(), back.Ids());
    }

    [Fact]
    public async Task Post_search_with_a_form_body_equals_get()
    {
        var (family, _) = await SeedAsync(2);

        var get = await GetBundleAsync($"Patient?family={family}&_total=accurate");
        using var form = new FormUrlEncodedContent([new("family", family)]);
        using var post = await _client.SendAsync(HttpMethod.Post, "Patient/_search?_total=accurate", form);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var posted = await post.ReadAsync<Bundle>();

        Assert.Equal(get.Total, posted.Total);
        Assert.Equal(get.Ids().Order(), posted.Ids().Order());
    }

    [Fact]
    public async Task System_search_finds_resources_of_any_type()
    {
        var (_, ids) = await SeedAsync(1);
        var org = await _client.CreateAsync(new Organization { Name = "Wyandotte HH" });

        var bundle = await GetBundleAsync($"?_id={ids[0]},{org.Id}");
        using var form = new FormUrlEncodedContent([new("_id", $"{ids[0]},{org.Id}")]);
        using var post = await _client.SendAsync(HttpMethod.Post, "_search", form);

        Assert.Equal([$"Organization/{org.Id}", $"Patient/{ids[0]}"], bundle.Resources().Select(r => $"{r.TypeName}/{r.Id}").Order());
        Assert.Equal(bundle.Ids().Order(), (await post.ReadAsync<Bundle>()).Ids().Order());
    }

    [Fact]
    public async Task Lenient_handling_leaves_an_unknown_parameter_out_of_the_self_link_and_reports_it()
    {
        var (family, ids) = await SeedAsync(1);

        var bundle = await GetBundleAsync($"Patient?family={family}&bogus-param=1");

        Assert.Equal(ids, bundle.Ids(Bundle.SearchEntryMode.Match));
        Assert.DoesNotContain("bogus-param", bundle.Self(), StringComparison.Ordinal);
        var outcome = Assert.IsType<OperationOutcome>(bundle.Entry.Single(e => e.Search?.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Equal("bogus-param", outcome.Issue[0].Expression!.Single());
    }

    [Fact]
    public async Task Strict_handling_refuses_an_unknown_parameter_with_400()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "Patient?family=x&bogus-param=1", null, ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Invalid, (await response.ReadAsync<OperationOutcome>()).Issue[0].Code);
    }

    [Fact]
    public async Task Summary_count_returns_the_total_only()
    {
        var (family, _) = await SeedAsync(2);

        var bundle = await GetBundleAsync($"Patient?family={family}&_summary=count");

        Assert.Equal(2, bundle.Total);
        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async Task Elements_on_search_subsets_each_entry_keeps_id_and_meta_and_marks_it_SUBSETTED()
    {
        var (family, _) = await SeedAsync(2);

        var bundle = await GetBundleAsync($"Patient?family={family}&_elements=gender&_count=1");

        Assert.All(bundle.Resources().Cast<Patient>(), p =>
        {
            Assert.True(p.IsSubsetted());
            Assert.NotNull(p.Id);
            Assert.NotNull(p.Meta?.VersionId);
            Assert.Equal(AdministrativeGender.Female, p.Gender);
            Assert.Empty(p.Name);
        });
        Assert.Contains("_elements=gender", bundle.Next(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elements_and_summary_on_read_are_marked_SUBSETTED()
    {
        var (_, ids) = await SeedAsync(1);

        using var elements = await _client.SendAsync(HttpMethod.Get, $"Patient/{ids[0]}?_elements=gender");
        using var summary = await _client.SendAsync(HttpMethod.Get, $"Patient/{ids[0]}?_summary=true");
        var subset = await elements.ReadAsync<Patient>();

        Assert.True(subset.IsSubsetted());
        Assert.Equal(ids[0], subset.Id);
        Assert.Empty(subset.Name);
        Assert.Equal(AdministrativeGender.Female, subset.Gender);
        Assert.True((await summary.ReadAsync<Patient>()).IsSubsetted());
    }

    [Fact]
    public async Task Include_adds_referenced_resources_in_include_mode()
    {
        var (family, ids) = await SeedAsync(1);
        var plan = await _client.CreateAsync(new CarePlan { Status = RequestStatus.Active, Intent = CarePlan.CarePlanIntent.Plan, Subject = new ResourceReference($"Patient/{ids[0]}"), Title = family });

        var bundle = await GetBundleAsync($"CarePlan?_id={plan.Id}&_include=CarePlan:subject");

        Assert.Equal([plan.Id], bundle.Ids(Bundle.SearchEntryMode.Match));
        Assert.Equal(ids, bundle.Ids(Bundle.SearchEntryMode.Include));
    }

    [Fact]
    public async Task Xml_and_pretty_searchsets_carry_the_same_entries()
    {
        var (family, ids) = await SeedAsync(1);

        using var xml = await _client.SendAsync(HttpMethod.Get, $"Patient?family={family}&_format=xml");
        var pretty = await GetBundleAsync($"Patient?family={family}&_pretty=true");

        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
        var root = XDocument.Parse(await xml.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Bundle", root.Name.LocalName);
        Assert.Contains(ids[0], root.ToString(), StringComparison.Ordinal);
        Assert.Equal(ids, pretty.Ids());
    }

    [Fact]
    public async Task Unknown_type_is_4xx()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "NotAType?name=x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(string Family, string[] Ids)> SeedAsync(int count)
    {
        var family = "fam" + Guid.NewGuid().ToString("N")[..12];
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await _client.CreateAsync(new Patient { Name = [new HumanName { Family = family, Given = [$"g{i}"] }], Gender = AdministrativeGender.Female })).Id!;
        }

        return (family, ids);
    }

    private async Task<Bundle> GetBundleAsync(string url)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<Bundle>();
    }
}
