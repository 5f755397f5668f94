using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>Patient/[id]/$deadline-compliance over the scenario Bundles, through HTTP: each rule's due instant, evidence and state.</summary>
public sealed class DeadlineComplianceScenarioTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    private Task<Parameters> ComplianceAsync(string patient, string asOf, string extra = "") =>
        ScenarioServer.OperationAsync(_client, $"Patient/{patient}/$deadline-compliance?asOf={Uri.EscapeDataString(asOf)}{extra}");

    [Fact]
    public async Task Earleen_HAP_on_day_79_meets_KS_HAP_90_due_on_day_90()
    {
        var result = Assert.Single((await ComplianceAsync("ks-earleen", "2026-08-01T12:00:00-05:00")).Results("KS-HAP-90"));

        Assert.Equal("met", result.PartCode("state"));
        Assert.Equal("2026-05-31T23:59:59.999-05:00", result.PartCode("due"));
        Assert.Contains("CarePlan/ks-hap-earleen", result.PartReferences("endEvidence"));
        Assert.Contains("EpisodeOfCare/ks-enrollment-earleen", result.PartReferences("startEvidence"));
        Assert.Equal("error", result.PartCode("severity"));
    }

    [Fact]
    public async Task Earleen_psychiatric_discharge_follow_up_on_day_5_meets_KS_DC_7_and_KS_DC_30_and_stays_before_enrollment_do_not_count()
    {
        var compliance = await ComplianceAsync("ks-earleen", "2026-08-01T12:00:00-05:00");

        var seven = Assert.Single(compliance.Results("KS-DC-7"));
        Assert.Equal("met", seven.PartCode("state"));
        Assert.Equal("2026-06-22T23:59:59.999-05:00", seven.PartCode("due"));
        Assert.Contains("Encounter/ks-earleen-psych-stay", seven.PartReferences("startEvidence"));
        Assert.Contains("Encounter/ks-earleen-followup-day5", seven.PartReferences("endEvidence"));
        var thirty = Assert.Single(compliance.Results("KS-DC-30"));
        Assert.Equal("met", thirty.PartCode("state"));
        Assert.Equal("2026-07-15T23:59:59.999-05:00", thirty.PartCode("due"));
    }

    [Fact]
    public async Task Earleen_on_the_day_of_discharge_has_KS_DC_7_at_risk_with_7_days_remaining()
    {
        var seven = Assert.Single((await ComplianceAsync("ks-earleen", "2026-06-15T12:00:00-05:00", "&rule=KS-DC-7")).Results("KS-DC-7"));

        Assert.Equal("at-risk", seven.PartCode("state"));
        Assert.Equal("7", seven.PartCode("daysRemaining"));
    }

    [Fact]
    public async Task Street_outreach_member_meets_every_ECM_assignment_notification_and_outreach_rule()
    {
        var compliance = await ComplianceAsync("kern-samuel-reyes", "2026-04-15T12:00:00-07:00");

        foreach (var rule in new[] { "ECM-ASSIGN-10BD", "ECM-PCP-10BD", "ECM-NOTIFY-WEEKLY", "ECM-OUT-30D", "ECM-OUT-2X", "ECM-LCM", "ECM-OUT-INFORM", "ECM-AUTH-12M" })
        {
            var result = Assert.Single(compliance.Results(rule));
            Assert.True(result.PartCode("state") == "met", $"{rule}: {result.PartCode("state")} {result.PartCode("explanation")}");
        }

        var assign = Assert.Single(compliance.Results("ECM-ASSIGN-10BD"));
        Assert.Equal("2026-03-16T23:59:59.999-07:00", assign.PartCode("due"));
    }

    [Fact]
    public async Task Street_outreach_eligibility_names_the_5_business_day_rule_and_the_federal_7_day_cap()
    {
        var eligibility = Assert.Single((await ComplianceAsync("kern-samuel-reyes", "2026-04-15T12:00:00-07:00")).Results("ECM-ELIG-5BD"));

        Assert.Contains(eligibility.Part, p => p.Name == "rule" && (p.Value as Code)?.Value == "CMS-0057-F-7D");
        Assert.Equal("2026-03-03T23:59:59.999-08:00", eligibility.PartCode("due"));
        Assert.Equal("met", eligibility.PartCode("state"));
    }

    [Fact]
    public async Task Referral_closed_as_member_unable_to_reach_was_answered_after_the_10_business_day_window_ECM_CLR()
    {
        var referral = Assert.Single((await ComplianceAsync("kern-member-2001", "2026-05-01T12:00:00-07:00", "&rule=ECM-CLR")).Results("ECM-CLR"));

        Assert.Equal("2026-04-15T23:59:59.999-07:00", referral.PartCode("due"));
        Assert.Equal("met-late", referral.PartCode("state"));
        Assert.Contains("Task/kern-referral-task-2001-food", referral.PartReferences("startEvidence"));
    }

    [Fact]
    public async Task Promised_callback_five_days_out_is_at_risk_KS_CL4_and_the_state_filter_keeps_only_it()
    {
        var compliance = await ComplianceAsync("ks-terrence-boyd", "2026-04-10T12:00:00-05:00", "&state=at-risk");

        Assert.All(compliance.Parameter.Where(p => p.Name == "result"), r => Assert.Equal("at-risk", r.PartCode("state")));
        var callback = Assert.Single(compliance.Results("KS-CL4"));
        Assert.Equal("warning", callback.PartCode("severity"));
    }

    [Fact]
    public async Task Member_who_refused_before_the_HAP_was_due_owes_no_HAP_KS_HAP_90()
    {
        var hap = Assert.Single((await ComplianceAsync("ks-olivia-nash", "2026-08-01T12:00:00-05:00", "&rule=KS-HAP-90")).Results("KS-HAP-90"));

        Assert.Equal("not-applicable", hap.PartCode("state"));
        Assert.Contains("Consent/ks-olivia-opt-out", hap.PartCode("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule_filter_returns_only_that_rule()
    {
        var compliance = await ComplianceAsync("ks-earleen", "2026-08-01T12:00:00-05:00", "&rule=KS-HAP-90");

        var result = Assert.Single(compliance.Parameter, p => p.Name == "result");
        Assert.Equal("KS-HAP-90", result.PartCode("rule"));
    }

    [Fact]
    public async Task Accept_text_csv_gives_one_row_per_rule_instance_with_the_same_fields()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "Patient/ks-earleen/$deadline-compliance?asOf=2026-08-01T12:00:00-05:00");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await _client.SendAsync(request);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var json = await ComplianceAsync("ks-earleen", "2026-08-01T12:00:00-05:00");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rule,subject,state,start,due,completed,daysRemaining,severity,startEvidence,endEvidence,explanation", lines[0]);
        Assert.Equal(json.Parameter.Count(p => p.Name == "result"), lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("KS-HAP-90,Patient/ks-earleen,met,", StringComparison.Ordinal) && l.Contains("2026-05-31T23:59:59.999-05:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Format_csv_on_an_operation_without_csv_is_406()
    {
        using var response = await _client.GetAsync("Patient/ks-earleen/$engagement-status?_format=csv");

        Assert.Equal(System.Net.HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
