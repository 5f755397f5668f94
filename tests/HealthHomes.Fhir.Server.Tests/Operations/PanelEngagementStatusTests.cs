using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>GET Patient/$engagement-status for a panel: filtered by organization, program and status, ordered by the next due action, paged.</summary>
public sealed class PanelEngagementStatusTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private const string Sedgwick = "organization=Organization/ks-hhp-sedgwick-cmhc";
    private readonly HttpClient _client = server.CreateFhirClient();

    private async Task<Bundle> PanelAsync(string query)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "Patient/$engagement-status?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<Bundle>();
    }

    private static List<string> Members(Bundle bundle) =>
        [.. bundle.Entry.Select(e => ((Parameters)e.Resource!).References("member").Single())];

    [Fact]
    public async Task Panel_lists_the_organizations_members_enrolled_by_asOf_with_their_status()
    {
        var early = await PanelAsync($"{Sedgwick}&asOf=2026-02-20T12:00:00-06:00");
        Assert.Equal(["Patient/ks-wanda-hollis"], Members(early));
        Assert.Equal("unable-to-reach", ((Parameters)early.Entry[0].Resource!).Code("status"));

        var later = await PanelAsync($"{Sedgwick}&asOf=2026-08-01T12:00:00-05:00");
        Assert.Equal(4, later.Total);
        Assert.Equal(["Patient/ks-earleen", "Patient/ks-olivia-nash", "Patient/ks-terrence-boyd", "Patient/ks-wanda-hollis"], Members(later).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Status_filter_keeps_only_those_members()
    {
        var declined = await PanelAsync($"{Sedgwick}&asOf=2026-08-01T12:00:00-05:00&status=declined,engaged");

        Assert.Equal(["Patient/ks-earleen", "Patient/ks-olivia-nash"], Members(declined).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Members_with_a_due_action_come_first_soonest_first()
    {
        var panel = await PanelAsync($"{Sedgwick}&asOf=2026-04-10T12:00:00-05:00");
        var dues = panel.Entry.Select(e => ((Parameters)e.Resource!).Parameter.FirstOrDefault(p => p.Name == "nextAction")?.PartCode("due")).ToList();

        var withDue = dues.TakeWhile(d => d is not null).ToList();
        Assert.NotEmpty(withDue);
        Assert.All(dues.Skip(withDue.Count), d => Assert.Null(d));
        Assert.Equal(withDue.Order(StringComparer.Ordinal), withDue);
    }

    [Fact]
    public async Task Pages_follow_next_and_previous_links()
    {
        var first = await PanelAsync($"{Sedgwick}&asOf=2026-08-01T12:00:00-05:00&_count=3");
        var next = first.Link.Single(l => l.Relation == "next").Url!;
        using var response = await _client.GetAsync(new Uri(next));
        var second = await response.ReadAsync<Bundle>();

        Assert.Equal(3, first.Entry.Count);
        Assert.Single(second.Entry);
        Assert.DoesNotContain(second.Link, l => l.Relation == "next");
        Assert.Contains(second.Link, l => l.Relation == "previous");
        Assert.Equal(4, Members(first).Concat(Members(second)).Distinct().Count());
    }

    [Theory]
    [InlineData("status=happy")]
    [InlineData("_sort=name")]
    [InlineData("_count=0")]
    [InlineData("organization=sedgwick")]
    [InlineData("program=ny-hh")]
    public async Task Bad_parameters_are_400(string query)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "Patient/$engagement-status?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
