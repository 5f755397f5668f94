using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>$deadline-compliance for an enrollment, an organization's panel and the whole system, over the scenario Bundles.</summary>
public sealed class PanelDeadlineComplianceTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private const string AsOf = "asOf=2026-08-01T12:00:00-05:00";
    private readonly HttpClient _client = server.CreateFhirClient();

    private static IEnumerable<Parameters.ParameterComponent> Results(Parameters p) => p.Parameter.Where(x => x.Name == "result");

    [Fact]
    public async Task Health_Home_Partner_panel_covers_its_members_and_its_own_HIT_milestones()
    {
        var compliance = await ScenarioServer.OperationAsync(_client, $"Organization/ks-hhp-sedgwick-cmhc/$deadline-compliance?{AsOf}");

        var subjects = Results(compliance).Select(r => r.PartReferences("subject").Single()).ToHashSet();
        Assert.Contains("Patient/ks-earleen", subjects);
        Assert.Contains("Organization/ks-hhp-sedgwick-cmhc", subjects);
        Assert.DoesNotContain("Patient/kern-samuel-reyes", subjects);
        Assert.Equal("met", Assert.Single(compliance.Results("KS-HHP-EHR-PLAN")).PartCode("state"));
        Assert.Equal("missed", Assert.Single(compliance.Results("KS-HHP-EHR")).PartCode("state"));
        Assert.Equal("met", Assert.Single(compliance.Results("KS-HHP-HIE")).PartCode("state"));
    }

    [Fact]
    public async Task Summary_counts_add_up_to_the_results()
    {
        var compliance = await ScenarioServer.OperationAsync(_client, $"Organization/ks-hhp-sedgwick-cmhc/$deadline-compliance?{AsOf}");

        var summed = compliance.Parameter.Where(p => p.Name == "summary").Sum(s => int.Parse(s.PartCode("count")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Results(compliance).Count(), summed);
        Assert.Contains(compliance.Parameter, s => s.Name == "summary" && s.PartCode("rule") == "KS-HAP-90");
    }

    [Fact]
    public async Task System_level_with_an_organization_filter_keeps_that_panel_only()
    {
        var compliance = await ScenarioServer.OperationAsync(_client, $"$deadline-compliance?{AsOf}&organization=Organization/kern-ecm-bakersfield-care-partners");

        var subjects = Results(compliance).Select(r => r.PartReferences("subject").Single()).ToHashSet();
        Assert.Contains("Patient/kern-samuel-reyes", subjects);
        Assert.Contains("Patient/kern-member-2001", subjects);
        Assert.DoesNotContain("Patient/ks-earleen", subjects);
    }

    [Fact]
    public async Task System_level_state_filter_and_csv_agree_with_json()
    {
        var json = await ScenarioServer.OperationAsync(_client, $"$deadline-compliance?{AsOf}&state=missed");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"$deadline-compliance?{AsOf}&state=missed&_format=csv");
        using var response = await _client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.NotEmpty(Results(json));
        Assert.All(Results(json), r => Assert.Equal("missed", r.PartCode("state")));
        Assert.Equal(Results(json).Count(), lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",missed,", l, StringComparison.Ordinal));
        // daysRemaining of a missed deadline is a negative number, written as a number (not escaped as a formula)
        Assert.All(lines.Skip(1), l => Assert.Matches(",missed,[^,]*,[^,]*,,-[0-9]+,error|,missed,[^,]*,[^,]*,,-[0-9]+,warning", l));
    }

    [Fact]
    public async Task Enrollment_level_reports_only_its_program_rules()
    {
        var compliance = await ScenarioServer.OperationAsync(_client, $"EpisodeOfCare/kern-enrollment-2001/$deadline-compliance?asOf=2026-05-01T12:00:00-07:00");

        Assert.NotEmpty(Results(compliance));
        Assert.All(Results(compliance), r => Assert.StartsWith("ECM-", r.PartCode("rule"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Organization/no-such-org/$deadline-compliance", HttpStatusCode.NotFound)]
    [InlineData("EpisodeOfCare/no-such-enrollment/$deadline-compliance", HttpStatusCode.NotFound)]
    [InlineData("$deadline-compliance?organization=kern", HttpStatusCode.BadRequest)]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$deadline-compliance?organization=Organization/x", HttpStatusCode.BadRequest)]
    [InlineData("$deadline-compliance?dueFrom=soon", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_are_4xx(string url, HttpStatusCode expected)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task CapabilityStatement_lists_deadline_compliance_at_system_level_and_on_Organization()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "metadata");
        var statement = await response.ReadAsync<CapabilityStatement>();

        Assert.Contains(statement.Rest[0].Operation, o => o.Name == "deadline-compliance");
        Assert.Contains(statement.Rest[0].Resource.Single(r => r.Type == "Organization").Operation, o => o.Name == "deadline-compliance");
        Assert.Contains(statement.Rest[0].Resource.Single(r => r.Type == "EpisodeOfCare").Operation, o => o.Name == "deadline-compliance");
    }
}
