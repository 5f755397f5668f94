using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>Patient/[id]/$engagement-status over the scenario Bundles, through HTTP, at chosen asOf instants.</summary>
public sealed class EngagementStatusScenarioTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    private Task<Parameters> StatusAsync(string patient, string asOf, string? program = null) =>
        ScenarioServer.OperationAsync(_client, $"Patient/{patient}/$engagement-status?asOf={Uri.EscapeDataString(asOf)}{(program is null ? "" : "&program=" + program)}");

    [Theory]
    [InlineData("ks-earleen", "2026-03-02", "2026-03-02T00:00:00-06:00")]          // enrolled on that day (Kansas, CST)
    [InlineData("kern-samuel-reyes", "2026-03-06", "2026-03-06T00:00:00-08:00")]   // enrolled on that day (California, PST)
    public async Task A_bare_date_asOf_is_the_start_of_that_day_in_the_programs_zone(string patient, string asOf, string instant)
    {
        // Read as 00:00 UTC it was the evening before in both zones, before the enrollment started: a 422.
        var status = await StatusAsync(patient, asOf);
        Assert.Equal(instant, (status.Parameter.Single(p => p.Name == "asOf").Value as FhirDateTime)?.Value?.Replace(".000", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Earleen_is_engaged_in_her_KanCare_Health_Home_with_no_payment_or_panel_removal()
    {
        var result = await StatusAsync("ks-earleen", "2026-08-01T12:00:00-05:00");

        Assert.Equal("ks-hh", result.Code("program"));
        Assert.Equal("engaged", result.Code("status"));
        Assert.Equal("EpisodeOfCare/ks-enrollment-earleen", Assert.Single(result.References("enrollment")));
        Assert.NotEmpty(result.References("evidence"));
        Assert.False(result.Boolean("panelRemovalAllowed"));
        Assert.False(result.Boolean("outreachPaymentEligible"));
        Assert.Null(result.Parameter.FirstOrDefault(p => p.Name == "nextAction"));
    }

    [Fact]
    public async Task Engaged_KanCare_member_without_a_HAP_is_next_asked_for_it_by_day_90_KS_HAP_90()
    {
        var result = await StatusAsync("ks-earleen", "2026-04-10T12:00:00-05:00");

        Assert.Equal("engaged", result.Code("status"));
        var next = Assert.Single(result.Parameter, p => p.Name == "nextAction");
        Assert.Equal("complete-health-action-plan", next.PartCode("code"));
        Assert.Equal("KS-HAP-90", next.PartCode("rule"));
        Assert.Equal("2026-05-31T23:59:59.999-05:00", next.PartCode("due"));
    }

    [Fact]
    public async Task Street_outreach_member_is_engaged_and_ECM_OUT_2X_is_met_by_a_Tuesday_dawn_and_a_Thursday_evening_attempt()
    {
        var result = await StatusAsync("kern-samuel-reyes", "2026-04-15T12:00:00-07:00");

        Assert.Equal("ecm", result.Code("program"));
        Assert.Equal("engaged", result.Code("status"));
        Assert.Null(result.Code("checklist"));
        var twice = Assert.Single(result.Parameter, p => p.Name == "outreachTwice");
        Assert.Equal("ECM-OUT-2X", twice.PartCode("rule"));
        Assert.Equal("met", twice.PartCode("state"));
        Assert.Contains("Task/kern-samuel-attempt-2", twice.PartReferences("endEvidence"));
        var attempts = Assert.Single(result.Parameter, p => p.Name == "attempts");
        Assert.Equal("2", attempts.PartCode("total"));
        Assert.Contains(attempts.Part, p => p.Name == "timeOfDay" && p.PartCode("code") == "early-morning" && p.PartCode("count") == "1");
        Assert.Contains(attempts.Part, p => p.Name == "timeOfDay" && p.PartCode("code") == "evening" && p.PartCode("count") == "1");
        Assert.Contains(attempts.Part, p => p.Name == "weekday" && p.PartCode("code") == "tuesday");
    }

    [Fact]
    public async Task Wrong_number_member_moves_from_checklist_1_to_checklist_3_to_unable_to_reach()
    {
        var sameDay = await StatusAsync("ks-wanda-hollis", "2026-02-04T12:00:00-06:00");
        Assert.Equal("contact-info-invalid", sameDay.Code("status"));
        Assert.Equal("checklist-1", sameDay.Code("checklist"));
        Assert.Equal("true", sameDay.Step("send-mailing").PartCode("done"));
        Assert.Contains("Task/ks-wanda-step-mailing", sameDay.Step("send-mailing").PartReferences("evidence"));
        Assert.Equal("false", sameDay.Step("check-alternate-database").PartCode("done"));
        Assert.Equal("KS-CL1", sameDay.Step("check-alternate-database").PartCode("rule"));

        var newNumber = await StatusAsync("ks-wanda-hollis", "2026-02-10T12:00:00-06:00");
        Assert.Equal("outreach-in-progress", newNumber.Code("status"));
        Assert.Equal("checklist-3", newNumber.Code("checklist"));
        Assert.Equal("true", newNumber.Step("early-or-late-call").PartCode("done"));

        var exhausted = await StatusAsync("ks-wanda-hollis", "2026-02-20T12:00:00-06:00");
        Assert.Equal("unable-to-reach", exhausted.Code("status"));
        Assert.True(exhausted.Boolean("outreachPaymentEligible"));
        Assert.False(exhausted.Boolean("panelRemovalAllowed"));
    }

    [Fact]
    public async Task Contacted_member_with_a_promised_callback_is_on_checklist_4_with_the_callback_next_KS_CL4()
    {
        var result = await StatusAsync("ks-terrence-boyd", "2026-04-10T12:00:00-05:00");

        Assert.Equal("contacted-not-engaged", result.Code("status"));
        Assert.Equal("checklist-4", result.Code("checklist"));
        Assert.Equal("true", result.Step("ask-callback-timeframe").PartCode("done"));
        Assert.Equal("false", result.Step("propose-trial-basis").PartCode("done"));
        var next = Assert.Single(result.Parameter, p => p.Name == "nextAction");
        Assert.Equal("KS-CL4", next.PartCode("rule"));
        Assert.StartsWith("2026-04-15", next.PartCode("due"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_who_opts_out_is_declined_and_may_leave_the_panel_KS_PANEL()
    {
        var result = await StatusAsync("ks-olivia-nash", "2026-05-10T12:00:00-05:00");

        Assert.Equal("declined", result.Code("status"));
        Assert.True(result.Boolean("panelRemovalAllowed"));
        var panel = Assert.Single(result.Parameter, p => p.Name == "panelRemoval");
        Assert.Equal("KS-PANEL", panel.PartCode("rule"));
        Assert.Contains("Consent/ks-olivia-opt-out", panel.PartReferences("evidence"));
    }

    [Fact]
    public async Task Before_the_refusal_form_the_same_member_may_not_be_removed_KS_PANEL()
    {
        var result = await StatusAsync("ks-olivia-nash", "2026-05-07T12:00:00-05:00");

        Assert.False(result.Boolean("panelRemovalAllowed"));
    }

    [Fact]
    public async Task POST_with_a_Parameters_body_gives_the_same_answer_as_GET()
    {
        var body = new Parameters();
        body.Add("asOf", new FhirDateTime("2026-05-10T12:00:00-05:00"));
        body.Add("program", new Code("ks-hh"));
        using var response = await _client.SendAsync(HttpMethod.Post, "Patient/ks-olivia-nash/$engagement-status", FhirHttp.Body(body));
        var result = await response.ReadAsync<Parameters>();

        Assert.Equal("declined", result.Code("status"));
    }
}
