using System.Net;
using HealthHomes.Fhir.Synthetic;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>A server holding 300 members of the synthetic panel (seed 7), loaded as their transaction Bundles.</summary>
public sealed class SyntheticPanelServer : FhirServerFactory, IAsyncLifetime
{
    public const int Members = 300;

    public SyntheticPanel Panel { get; } = new(seed: 7, memberCount: Members);

    public async Task InitializeAsync()
    {
        using var client = CreateFhirClient();
        foreach (var bundle in Panel.Members().Prepend(SyntheticPanel.Directory()))
        {
            using var response = await client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(bundle));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The operations over a generated panel: every rule ID with a limit produces rule instances, every engagement status
/// occurs, and the status the server derives agrees with the history the generator wrote for the member.
/// </summary>
public sealed class SyntheticPanelOperationTests(SyntheticPanelServer server) : IClassFixture<SyntheticPanelServer>
{
    private static readonly string AsOf = Uri.EscapeDataString(SyntheticPanel.BaseDate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    private readonly HttpClient _client = server.CreateFhirClient();

    [Fact]
    public async Task Every_rule_with_a_limit_has_instances_in_the_panel_and_some_are_met_and_some_are_not()
    {
        var compliance = await ScenarioServer.OperationAsync(_client, $"$deadline-compliance?asOf={AsOf}");
        var rules = compliance.Parameter.Where(p => p.Name == "result").SelectMany(r => r.Part.Where(x => x.Name == "rule").Select(x => (x.Value as Code)?.Value)).ToHashSet();

        string[] expected =
        [
            "KS-HAP-90", "KS-CL1", "KS-CL2", "KS-CL3-7D", "KS-CL3-ALT", "KS-CL4", "KS-DC-7", "KS-DC-30", "KS-HHP-EHR-PLAN", "KS-HHP-EHR", "KS-HHP-HIE",
            "ECM-ELIG-5BD", "ECM-ELIG-72H", "ECM-AUTH-12M", "ECM-ASSIGN-10BD", "ECM-PCP-10BD", "ECM-NOTIFY-WEEKLY", "ECM-CHANGE-30D", "ECM-PRIOR-90",
            "ECM-OUT-30D", "ECM-OUT-2X", "ECM-OUT-INFORM", "ECM-LCM", "ECM-CLR",
        ];
        Assert.Empty(expected.Except(rules));
        var states = compliance.Parameter.Where(p => p.Name == "result").Select(r => r.PartCode("state")).ToHashSet();
        Assert.Contains("met", states);
        Assert.Contains("met-late", states);
        Assert.Contains("missed", states);
    }

    [Fact]
    public async Task Every_engagement_status_occurs_and_the_derived_status_matches_the_generated_history()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"Patient/$engagement-status?asOf={AsOf}&_count=1000");
        var panel = await response.ReadAsync<Bundle>();
        var derived = panel.Entry.Select(e => (Parameters)e.Resource!)
            .ToDictionary(p => p.References("member").Single()["Patient/".Length..], p => p.Code("status"));
        var intended = new Dictionary<string, string?>();
        foreach (var bundle in server.Panel.Members())
        {
            var patient = bundle.Entry.Select(e => e.Resource).OfType<Patient>().Single();
            intended[MedicaidId(patient)] = EngagementScenario.Of(bundle);
        }

        var byMedicaidId = await MedicaidIdsAsync();
        var agree = derived.Count(d => intended.GetValueOrDefault(byMedicaidId[d.Key]) == d.Value);

        Assert.Equal(SyntheticPanelServer.Members, panel.Total);
        Assert.Equal(8, derived.Values.Distinct().Count());
        Assert.True(agree == derived.Count, $"derived status agrees with the generated history for {agree} of {derived.Count} members: "
            + string.Join(", ", derived.Where(d => intended.GetValueOrDefault(byMedicaidId[d.Key]) != d.Value).Take(10).Select(d => $"{d.Key}: {intended.GetValueOrDefault(byMedicaidId[d.Key])} -> {d.Value}")));
    }

    [Fact]
    public async Task Documentation_audit_audits_every_generated_attempt_and_finds_them_documented_KS_OUT_DOC()
    {
        var audit = await ScenarioServer.OperationAsync(_client, $"$outreach-documentation-audit?periodStart=2020-01-01&periodEnd=2025-01-06&asOf={AsOf}");
        var attempts = GeneratedTasks().Count(t => t.Code!.Coding.Any(c => c.Code == "outreach-attempt") && t.Status == Hl7.Fhir.Model.Task.TaskStatus.Completed);

        var audited = audit.Parameter.Where(p => p.Name == "organization").Sum(o => int.Parse(o.PartCode("attemptsAudited")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(attempts, audited);
        Assert.DoesNotContain(audit.Parameter, p => p.Name == "finding");
    }

    [Fact]
    public async Task Referral_metrics_count_every_generated_closure_by_its_reason_ECM_CLR()
    {
        var metrics = await ScenarioServer.OperationAsync(_client, $"$referral-metrics?periodStart=2020-01-01&periodEnd=2025-01-06&asOf={AsOf}");
        var closures = GeneratedTasks()
            .Where(t => t.Code!.Coding.Any(c => c.Code == "referral") && t.Status is Hl7.Fhir.Model.Task.TaskStatus.Completed or Hl7.Fhir.Model.Task.TaskStatus.Failed
                or Hl7.Fhir.Model.Task.TaskStatus.Rejected or Hl7.Fhir.Model.Task.TaskStatus.Cancelled)
            .GroupBy(t => t.StatusReason?.Coding.FirstOrDefault()?.Code ?? "unspecified")
            .ToDictionary(g => g.Key, g => g.Count());

        var reported = metrics.Parameter.Where(p => p.Name == "provider").SelectMany(p => p.Part.Where(x => x.Name == "closedByReason"))
            .GroupBy(r => r.PartCode("reason")!)
            .ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r.PartCode("count")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(closures);
        Assert.Equal(closures.OrderBy(c => c.Key, StringComparer.Ordinal), reported.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Contains("member-unable-to-reach", reported.Keys);
    }

    [Fact]
    public async Task Ecm_interaction_report_of_the_panel_agrees_between_MeasureReport_and_CSV()
    {
        const string Url = "$ecm-interaction-report?periodStart=2020-01-01&periodEnd=2025-01-06";
        using var json = await _client.SendAsync(HttpMethod.Get, Url);
        var report = await json.ReadAsync<MeasureReport>();
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, Url + "&_format=csv");
        using var csv = await _client.SendAsync(csvRequest);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');

        foreach (var group in report.Group)
        {
            var column = Array.IndexOf(header, group.Code!.Coding[0].Code);
            var fromCsv = rows.Skip(1).Sum(r => int.Parse(r.Split(',')[column], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(group.Population[0].Count, fromCsv);
        }

        Assert.True(report.Group.Single(g => g.Code!.Coding[0].Code == "ecm-outreach-telephonic-electronic").Population[0].Count > 0);
    }

    private IEnumerable<Hl7.Fhir.Model.Task> GeneratedTasks() =>
        server.Panel.Members().SelectMany(b => b.Entry.Select(e => e.Resource)).OfType<Hl7.Fhir.Model.Task>();

    private static string MedicaidId(Patient patient) => patient.Identifier.First(i => i.System?.Contains("/sid/", StringComparison.Ordinal) == true).Value!;

    private async Task<Dictionary<string, string>> MedicaidIdsAsync()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "Patient?_count=1000&_elements=identifier");
        var bundle = await response.ReadAsync<Bundle>();
        return bundle.Entry.Select(e => (Patient)e.Resource!).ToDictionary(p => p.Id!, MedicaidId);
    }
}
