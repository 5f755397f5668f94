using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Operations.ReportTestData;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>
/// $referral-metrics (ECM-CLR) through HTTP. Each test builds its referrals' histories by PUTting successive
/// versions of the same Task (each with its own lastModified, the time of the change) for its own receiving provider.
/// </summary>
public sealed class ReferralMetricsTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    private Task<Parameters> MetricsAsync(string path) => ScenarioServer.OperationAsync(_client, path);

    private static Parameters.ParameterComponent Provider(Parameters metrics, string provider) =>
        metrics.Parameter.Single(p => p.Name == "provider" && p.PartReferences("provider").SingleOrDefault() == provider);

    private static decimal? Decimal(Parameters.ParameterComponent row, string name) => (row.Part(name)?.Value as FhirDecimal)?.Value;

    [Fact]
    public async Task Median_times_to_first_response_and_closure_closures_by_reason_and_the_unable_to_reach_rate()
    {
        const string owner = "referral-provider-medians";
        await PutAsync(_client, Organization(owner));
        const string authored = "2026-03-02T09:00:00-08:00";
        await HistoryAsync(_client,
            Referral("referral-medians-1", owner, "requested", authored, authored),
            Referral("referral-medians-1", owner, "accepted", authored, "2026-03-04T09:00:00-08:00"),
            Referral("referral-medians-1", owner, "in-progress", authored, "2026-03-05T09:00:00-08:00"),
            Referral("referral-medians-1", owner, "failed", authored, "2026-03-20T09:00:00-07:00", "member-unable-to-reach", "Three calls and a letter, no answer"));
        await HistoryAsync(_client,
            Referral("referral-medians-2", owner, "requested", authored, authored),
            Referral("referral-medians-2", owner, "accepted", authored, "2026-03-03T09:00:00-08:00"),
            Referral("referral-medians-2", owner, "completed", authored, "2026-03-10T09:00:00-07:00", "completed", "Food box delivered"));

        var metrics = await MetricsAsync($"Organization/{owner}/$referral-metrics?periodStart=2026-03-01&periodEnd=2026-03-31&asOf=2026-05-01T12:00:00-07:00");

        Assert.Equal("ECM-CLR", metrics.Code("rule"));
        var row = Assert.Single(metrics.Parameter, p => p.Name == "provider");
        Assert.Equal($"Organization/{owner}", row.PartReferences("provider").Single());
        Assert.Equal("2", row.PartCode("received"));
        Assert.Equal("0", row.PartCode("open"));
        Assert.Equal("0", row.PartCode("overdue"));
        Assert.Equal("2", row.PartCode("closed"));
        Assert.Equal(["completed=1", "member-unable-to-reach=1"], row.Part.Where(p => p.Name == "closedByReason").Select(p => $"{p.PartCode("reason")}={p.PartCode("count")}"));
        Assert.Equal(0.5m, Decimal(row, "unableToReachRate"));
        Assert.Equal(36m, Decimal(row, "medianHoursToFirstResponse")); // 48 h and 24 h
        Assert.Equal(311m, Decimal(row, "medianHoursToClosure")); // 431 h and 191 h (DST began 2026-03-08)
    }

    [Fact]
    public async Task Overdue_at_the_10_business_day_boundary_which_skips_Cesar_Chavez_Day()
    {
        // Authored Wednesday 2026-03-18: 10 California business days, skipping Tuesday 2026-03-31, end on Thursday 2026-04-02.
        const string owner = "referral-provider-boundary";
        const string authored = "2026-03-18T10:00:00-07:00";
        await PutAsync(_client, Organization(owner));
        await HistoryAsync(_client,
            Referral("referral-boundary-on-time", owner, "requested", authored, authored),
            Referral("referral-boundary-on-time", owner, "accepted", authored, "2026-04-02T16:00:00-07:00"));
        await HistoryAsync(_client,
            Referral("referral-boundary-late", owner, "requested", authored, authored),
            Referral("referral-boundary-late", owner, "accepted", authored, "2026-04-03T08:00:00-07:00"));
        await PutAsync(_client, Referral("referral-boundary-unanswered", owner, "requested", authored, authored));
        var url = $"Organization/{owner}/$referral-metrics?periodStart=2026-03-01&periodEnd=2026-04-30&asOf=";

        var dueDay = Assert.Single((await MetricsAsync(url + "2026-04-02T23:00:00-07:00")).Parameter, p => p.Name == "provider");
        var dayAfter = Assert.Single((await MetricsAsync(url + "2026-04-03T12:00:00-07:00")).Parameter, p => p.Name == "provider");

        Assert.Equal("3", dueDay.PartCode("received"));
        Assert.Equal("3", dueDay.PartCode("open"));
        Assert.Equal("0", dueDay.PartCode("overdue"));
        Assert.Equal("0", dueDay.PartCode("awaitingResponseOverdue"));
        Assert.Equal("2", dayAfter.PartCode("overdue"));
        Assert.Equal(["Task/referral-boundary-late", "Task/referral-boundary-unanswered"], dayAfter.PartReferences("overdueReferral").Order());
        Assert.Equal("1", dayAfter.PartCode("awaitingResponseOverdue"));
        Assert.Equal(["Task/referral-boundary-unanswered"], dayAfter.PartReferences("awaitingResponseOverdueReferral"));
        Assert.Equal(374m, Decimal(dayAfter, "medianHoursToFirstResponse")); // 366 h and 382 h
        Assert.Null(dayAfter.Part("unableToReachRate"));
        Assert.Null(dayAfter.Part("medianHoursToClosure"));
    }

    [Fact]
    public async Task Scenario_food_bank_referral_closed_as_member_unable_to_reach_after_its_response_window()
    {
        var metrics = await MetricsAsync("Organization/kern-food-bank/$referral-metrics?periodStart=2026-04-01&periodEnd=2026-04-30&asOf=2026-05-01T12:00:00-07:00");

        var row = Assert.Single(metrics.Parameter, p => p.Name == "provider");
        Assert.Equal("1", row.PartCode("received"));
        Assert.Equal("0", row.PartCode("open"));
        Assert.Equal(["Task/kern-referral-task-2001-food"], row.PartReferences("overdueReferral"));
        Assert.Equal("1", row.PartCode("closed"));
        Assert.Equal("member-unable-to-reach", Assert.Single(row.Part, p => p.Name == "closedByReason").PartCode("reason"));
        Assert.Equal(1m, Decimal(row, "unableToReachRate"));
        Assert.Equal(557.92m, Decimal(row, "medianHoursToFirstResponse")); // one version: its lastModified stands in
        Assert.Equal(557.92m, Decimal(row, "medianHoursToClosure"));
    }

    [Fact]
    public async Task System_level_reports_every_provider_and_filters_by_owner()
    {
        const string period = "periodStart=2026-04-01&periodEnd=2026-04-30&asOf=2026-05-01T12:00:00-07:00";
        var all = await MetricsAsync("$referral-metrics?" + period);
        var one = await MetricsAsync("$referral-metrics?owner=Organization/kern-food-bank&" + period);

        Assert.Equal("1", Provider(all, "Organization/kern-food-bank").PartCode("closed"));
        Assert.Equal("Organization/kern-food-bank", Assert.Single(one.Parameter, p => p.Name == "provider").PartReferences("provider").Single());
    }

    [Fact]
    public async Task Csv_has_one_row_per_provider()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "Organization/kern-food-bank/$referral-metrics?periodStart=2026-04-01&periodEnd=2026-04-30&asOf=2026-05-01T12:00:00-07:00");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await _client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("provider,open,received,overdue,overdueReferrals,awaitingResponseOverdue,awaitingResponseOverdueReferrals,closed,closedByReason,unableToReachRate,medianHoursToFirstResponse,medianHoursToClosure", lines[0]);
        Assert.Equal("Organization/kern-food-bank,0,1,1,Task/kern-referral-task-2001-food,0,,1,member-unable-to-reach=1,1,557.92,557.92", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task Post_with_Parameters_and_an_organization_without_referrals_gives_a_zero_row()
    {
        var body = new Parameters();
        body.Add("periodStart", new Date("2026-04-01"));
        body.Add("periodEnd", new Date("2026-04-30"));

        using var response = await _client.SendAsync(HttpMethod.Post, "Organization/ks-hhp-sedgwick-cmhc/$referral-metrics", FhirHttp.Body(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single((await response.ReadAsync<Parameters>()).Parameter, p => p.Name == "provider");
        Assert.Equal("0", row.PartCode("received"));
        Assert.Null(row.Part("unableToReachRate"));
    }

    [Theory]
    [InlineData("Organization/kern-food-bank/$referral-metrics?periodEnd=2026-04-30", "periodStart")]
    [InlineData("Organization/kern-food-bank/$referral-metrics?periodStart=2026-04-01", "periodEnd")]
    [InlineData("Organization/kern-food-bank/$referral-metrics?periodStart=2026-04-01&periodEnd=2026-03-31", "periodEnd")]
    [InlineData("Organization/kern-food-bank/$referral-metrics?periodStart=April&periodEnd=2026-04-30", "periodStart")]
    [InlineData("Organization/kern-food-bank/$referral-metrics?periodStart=2026-04-01&periodEnd=2026-04-30&asOf=later", "asOf")]
    [InlineData("Organization/kern-food-bank/$referral-metrics?periodStart=2026-04-01&periodEnd=2026-04-30&owner=Organization/x", "owner")]
    [InlineData("Organization/kern-food-bank/$referral-metrics?periodStart=2026-04-01&periodEnd=2026-04-30&program=ecm", "program")]
    [InlineData("$referral-metrics?periodStart=2026-04-01&periodEnd=2026-04-30&owner=Nothing/x/y", "owner")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string url, string expression)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains(expression));
    }

    [Fact]
    public async Task Unknown_organization_is_404()
    {
        using var response = await _client.GetAsync("Organization/no-such-provider/$referral-metrics?periodStart=2026-04-01&periodEnd=2026-04-30");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
