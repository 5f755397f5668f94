using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>
/// $ecm-interaction-report through HTTP over the street outreach member (two in-person outreach attempts in March 2026)
/// and the Kern example member kern-member-2001 (with the example evening phone attempt of 2026-02-12 and its text
/// message, which is the attempt's message and not counted again), both members of Bakersfield Community Care Partners.
/// </summary>
public sealed class EcmInteractionReportTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private const string Provider = "kern-ecm-bakersfield-care-partners";
    private const string Samuel = "Patient/kern-samuel-reyes";
    private const string Maria = "Patient/kern-member-2001";
    private const string FebToMarch = "periodStart=2026-02-01&periodEnd=2026-03-31";

    private readonly HttpClient _client = server.CreateFhirClient();

    private async Task LoadKernExampleAttemptAsync()
    {
        foreach (var file in new[] { "OutreachAttempt-kern-evening-reached.json", "OutreachCommunication-kern-text.json" })
        {
            var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "examples", file));
            var resource = System.Text.Json.JsonSerializer.Deserialize<Resource>(json, new System.Text.Json.JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
            await EcmAssignmentServer.PutAsync(_client, resource);
        }
    }

    private async Task<MeasureReport> ReportAsync(string url)
    {
        await LoadKernExampleAttemptAsync();
        using var response = await _client.SendAsync(HttpMethod.Get, url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<MeasureReport>();
    }

    private async Task<List<string[]>> CsvAsync(string url, params (string, string)[] headers)
    {
        await LoadKernExampleAttemptAsync();
        using var response = await _client.SendAsync(HttpMethod.Get, url, null, headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(','))];
    }

    private static int? Count(MeasureReport report, string category, string member) =>
        report.Group.Single(g => g.Code!.Coding[0].Code == category).Stratifier.Single().Stratum
            .SingleOrDefault(s => s.Value!.Text == member)?.Population.Single().Count;

    private static int? Total(MeasureReport report, string category) =>
        report.Group.Single(g => g.Code!.Coding[0].Code == category).Population.Single().Count;

    [Fact]
    public async Task The_ECM_Providers_report_counts_each_members_interactions_per_category()
    {
        var report = await ReportAsync($"Organization/{Provider}/$ecm-interaction-report?{FebToMarch}&asOf=2026-04-01T08:00:00-07:00");

        Assert.Equal(MeasureReport.MeasureReportStatus.Complete, report.Status);
        Assert.Equal(MeasureReport.MeasureReportType.Summary, report.Type);
        Assert.Equal("https://fhir.healthhomes.example/Measure/ecm-interactions", report.Measure);
        Assert.Equal("Organization/" + Provider, report.Reporter!.Reference);
        Assert.Equal(("2026-02-01", "2026-03-31"), (report.Period!.Start, report.Period.End));
        Assert.Equal("2026-04-01T08:00:00-07:00", report.Date);
        Assert.Equal(["ecm-in-person", "ecm-phone-telehealth", "ecm-outreach-in-person", "ecm-outreach-telephonic-electronic"], report.Group.Select(g => g.Code!.Coding[0].Code));
        Assert.Equal(2, Count(report, "ecm-outreach-in-person", Samuel));
        Assert.Equal(0, Count(report, "ecm-outreach-telephonic-electronic", Samuel));
        Assert.Equal(1, Count(report, "ecm-outreach-telephonic-electronic", Maria));
        Assert.Equal(0, Count(report, "ecm-outreach-in-person", Maria));
        Assert.Equal(2, Total(report, "ecm-outreach-in-person"));
        Assert.Equal(1, Total(report, "ecm-outreach-telephonic-electronic"));
        Assert.Equal(0, Total(report, "ecm-in-person"));
    }

    [Fact]
    public async Task The_CSV_has_one_row_per_member_with_the_CIN_the_provider_and_the_same_counts()
    {
        var url = $"Organization/{Provider}/$ecm-interaction-report?{FebToMarch}";
        var report = await ReportAsync(url);
        var rows = await CsvAsync(url + "&_format=csv");

        Assert.Equal(["member", "mediCalCin", "ecmProvider", "ecm-in-person", "ecm-phone-telehealth", "ecm-outreach-in-person", "ecm-outreach-telephonic-electronic"], rows[0]);
        Assert.Equal(3, rows.Count);
        var samuel = rows.Single(r => r[0] == Samuel);
        Assert.Equal(["93456120B", "Organization/" + Provider], samuel[1..3]);
        var maria = rows.Single(r => r[0] == Maria);
        Assert.Equal("91234567A", maria[1]);
        foreach (var row in rows.Skip(1))
        {
            for (var i = 3; i < 7; i++)
            {
                Assert.Equal(Count(report, rows[0][i], row[0]).ToString(), row[i]);
            }
        }
    }

    [Fact]
    public async Task The_system_level_report_covers_all_ECM_members_as_CSV_by_Accept_and_by_POST()
    {
        var rows = await CsvAsync($"$ecm-interaction-report?{FebToMarch}", ("Accept", "text/csv"));
        var body = new Parameters();
        body.Add("periodStart", new Date("2026-02-01"));
        body.Add("periodEnd", new Date("2026-03-31"));
        body.Add("organization", new ResourceReference("Organization/" + Provider));
        using var posted = await _client.SendAsync(HttpMethod.Post, "$ecm-interaction-report", FhirHttp.Body(body));
        var report = await posted.ReadAsync<MeasureReport>();

        Assert.Equal(["2", "0"], rows.Single(r => r[0] == Samuel)[5..7]);
        Assert.Equal(["0", "1"], rows.Single(r => r[0] == Maria)[5..7]);
        Assert.DoesNotContain(rows, r => r[0] == "Patient/ks-earleen");
        Assert.Null(report.Reporter);
        Assert.Equal(2, Count(report, "ecm-outreach-in-person", Samuel));
    }

    [Fact]
    public async Task The_MeasureReport_is_also_served_as_XML()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"Organization/{Provider}/$ecm-interaction-report?{FebToMarch}&_format=xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<MeasureReport", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_without_the_attempts_gives_zeros_for_every_member()
    {
        var report = await ReportAsync($"Organization/{Provider}/$ecm-interaction-report?periodStart=2026-05-01&periodEnd=2026-05-31");

        Assert.All(report.Group, g => Assert.Equal(0, g.Population.Single().Count));
        Assert.All(report.Group, g => Assert.Contains(g.Stratifier.Single().Stratum, s => s.Value!.Text == Samuel));
    }

    [Fact]
    public async Task The_period_is_inclusive_of_its_last_day()
    {
        // Samuel's attempts are on 2026-03-10 and 2026-03-12: a one-day period on the first counts one.
        var report = await ReportAsync($"Organization/{Provider}/$ecm-interaction-report?periodStart=2026-03-10&periodEnd=2026-03-10");

        Assert.Equal(1, Count(report, "ecm-outreach-in-person", Samuel));
    }

    [Theory]
    [InlineData("Organization/no-such-org/$ecm-interaction-report?periodStart=2026-03-01&periodEnd=2026-03-31")]
    [InlineData("$ecm-interaction-report?periodStart=2026-03-01&periodEnd=2026-03-31&organization=Organization/no-such-org")]
    public async Task An_unknown_organization_is_404(string url)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("periodStart=2026-03-01", "periodEnd")]
    [InlineData("periodEnd=2026-03-31", "periodStart")]
    [InlineData("periodStart=2026-03&periodEnd=2026-03-31", "periodStart")]
    [InlineData("periodStart=2026-03-01&periodEnd=2026-02-30", "periodEnd")]
    [InlineData("periodStart=2026-03-31&periodEnd=2026-03-01", "periodEnd")]
    [InlineData("periodStart=2026-03-01&periodEnd=2026-03-31&organization=Organization/x", "organization")]
    [InlineData("periodStart=2026-03-01&periodEnd=2026-03-31&asOf=later", "asOf")]
    public async Task A_bad_period_or_parameter_is_400_naming_it(string query, string expression)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"Organization/{Provider}/$ecm-interaction-report?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains(expression));
    }

    [Fact]
    public async Task CapabilityStatement_lists_both_operations_with_their_definitions()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "metadata");
        var rest = (await response.ReadAsync<CapabilityStatement>()).Rest[0];

        Assert.Contains(rest.Resource.Single(r => r.Type == "Patient").Operation,
            o => o.Name == "assign-ecm-provider" && o.Definition == "https://fhir.healthhomes.example/OperationDefinition/hh-assign-ecm-provider");
        Assert.Contains(rest.Resource.Single(r => r.Type == "Organization").Operation,
            o => o.Name == "ecm-interaction-report" && o.Definition == "https://fhir.healthhomes.example/OperationDefinition/hh-ecm-interaction-report");
        Assert.Contains(rest.Operation, o => o.Name == "ecm-interaction-report");
    }
}
