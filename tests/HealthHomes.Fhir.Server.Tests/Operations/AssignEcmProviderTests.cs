using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Operations.EcmAssignmentServer;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>Patient/[id]/$assign-ecm-provider through HTTP (ECM-ASSIGN-10BD): each step, dry runs, what is written and the refusals.</summary>
public sealed class AssignEcmProviderTests(EcmAssignmentServer server) : IClassFixture<EcmAssignmentServer>
{
    /// <summary>Tuesday 2026-03-10 10:00 in Bakersfield, 6 business days after the authorization (2026-03-02).</summary>
    private const string AsOf = "2026-03-10T10:00:00-07:00";

    private readonly HttpClient _client = server.CreateFhirClient();

    private async Task<HttpResponseMessage> PostAsync(string patient, string? preferred = null, bool? dryRun = null)
    {
        var body = new Parameters();
        body.Add("asOf", new FhirDateTime(AsOf));
        if (preferred is not null)
        {
            body.Add("preferredProvider", new ResourceReference(preferred));
        }

        if (dryRun is { } dry)
        {
            body.Add("dryRun", new FhirBoolean(dry));
        }

        return await _client.SendAsync(HttpMethod.Post, $"Patient/{patient}/$assign-ecm-provider", FhirHttp.Body(body));
    }

    private async Task<Parameters> AssignAsync(string patient, string? preferred = null, bool? dryRun = null)
    {
        using var response = await PostAsync(patient, preferred, dryRun);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<Parameters>();
    }

    private static string? Chosen(Parameters p) => p.References("chosenProvider").SingleOrDefault();

    [Fact]
    public async Task Member_preference_wins_when_it_is_a_contracted_ECM_Provider()
    {
        await AddMemberAsync(_client, "ecm-a-pref", PlainClinic);

        var result = await AssignAsync("ecm-a-pref", Preferred);

        Assert.Equal("ECM-ASSIGN-10BD", result.Code("rule"));
        Assert.Equal(Preferred, Chosen(result));
        Assert.Equal("member-preference", result.Code("step"));
        Assert.Equal(["member-preference", "pcp-is-ecm-provider", "specialty-mh-sud-provider", "plan-default"],
            result.Parameter.Where(p => p.Name == "considered").Select(p => p.PartCode("step")));
        Assert.Equal("true", result.Parameter.First(p => p.Name == "considered").PartCode("chosen"));
        Assert.Equal("2026-03-10", (result.Parameter.Single(p => p.Name == "assignmentDate").Value as Date)?.Value);
        var pcp = result.Parameter.Single(p => p.Name == "pcpNotification");
        Assert.Equal([PlainClinic], pcp.PartReferences("recipient"));
    }

    [Fact]
    public async Task The_PCPs_organization_is_chosen_when_it_is_an_ECM_Provider_and_gets_no_separate_notice()
    {
        await AddMemberAsync(_client, "ecm-b-pcp", PcpRole);

        var result = await AssignAsync("ecm-b-pcp");

        Assert.Equal(PcpEcmClinic, Chosen(result));
        Assert.Equal("pcp-is-ecm-provider", result.Code("step"));
        Assert.Empty(result.Parameter.Single(p => p.Name == "pcpNotification").PartReferences("recipient"));
        Assert.Equal(3, result.References("written").Count()); // CareTeam, provider notice, EpisodeOfCare
    }

    [Fact]
    public async Task A_specialty_mental_health_provider_on_the_members_care_team_is_chosen()
    {
        await AddMemberAsync(_client, "ecm-c-bh", PlainClinic);
        await PutAsync(_client, new CareTeam
        {
            Id = "ecm-c-bh-team",
            Status = CareTeam.CareTeamStatus.Active,
            Subject = new ResourceReference("Patient/ecm-c-bh"),
            Participant = [new CareTeam.ParticipantComponent { Member = new ResourceReference("Practitioner/therapist"), OnBehalfOf = new ResourceReference(BehavioralHealth) }],
        });

        var result = await AssignAsync("ecm-c-bh");

        Assert.Equal(BehavioralHealth, Chosen(result));
        Assert.Equal("specialty-mh-sud-provider", result.Code("step"));
        var pcpStep = result.Parameter.Single(p => p.Name == "considered" && p.PartCode("step") == "pcp-is-ecm-provider");
        Assert.Contains("not an ECM Provider", pcpStep.PartCode("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_default_is_chosen_when_no_earlier_step_applies_and_an_ineligible_preference_is_explained()
    {
        await AddMemberAsync(_client, "ecm-d-default");

        var result = await AssignAsync("ecm-d-default", PlainClinic);

        Assert.Equal(Default, Chosen(result));
        Assert.Equal("plan-default", result.Code("step"));
        var preference = result.Parameter.Single(p => p.Name == "considered" && p.PartCode("step") == "member-preference");
        Assert.Equal("false", preference.PartCode("chosen"));
        Assert.Equal([PlainClinic], preference.PartReferences("candidate"));
        Assert.Contains("No PCP on record", result.Parameter.Single(p => p.Name == "pcpNotification").PartCode("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_by_GET_or_POST_writes_nothing_and_shows_what_would_be_written()
    {
        await AddMemberAsync(_client, "ecm-e-dry", PlainClinic);
        using var before = await _client.SendAsync(HttpMethod.Get, "_history?_count=1");
        var latest = (await before.ReadAsync<Bundle>()).Entry[0].FullUrl;

        var viaGet = await ScenarioServer.OperationAsync(_client, $"Patient/ecm-e-dry/$assign-ecm-provider?dryRun=true&preferredProvider={Preferred}&asOf={Uri.EscapeDataString(AsOf)}");
        var viaPost = await AssignAsync("ecm-e-dry", Preferred, dryRun: true);
        using var after = await _client.SendAsync(HttpMethod.Get, "_history?_count=1");
        using var episodeHistory = await _client.SendAsync(HttpMethod.Get, "EpisodeOfCare/ecm-e-dry-ecm/_history");

        Assert.Equal(latest, (await after.ReadAsync<Bundle>()).Entry[0].FullUrl);
        Assert.Single((await episodeHistory.ReadAsync<Bundle>()).Entry);
        foreach (var result in new[] { viaGet, viaPost })
        {
            Assert.Equal(Preferred, Chosen(result));
            Assert.Equal(true, result.Boolean("dryRun"));
            Assert.Empty(result.References("written"));
            Assert.Equal(["EpisodeOfCare", "CareTeam", "Communication", "Communication"],
                result.Parameter.Where(p => p.Name == "wouldWrite").Select(p => p.Resource!.TypeName));
        }
    }

    [Fact]
    public async Task GET_without_dryRun_true_is_400_naming_dryRun()
    {
        await AddMemberAsync(_client, "ecm-f-get");

        using var response = await _client.SendAsync(HttpMethod.Get, "Patient/ecm-f-get/$assign-ecm-provider");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains("dryRun"));
    }

    [Fact]
    public async Task An_assignment_meets_ECM_ASSIGN_10BD_and_ECM_LCM_and_the_notices_meet_PCP_and_weekly_rules_once_sent()
    {
        await AddMemberAsync(_client, "ecm-g-real", PlainClinic);

        var result = await AssignAsync("ecm-g-real", Preferred);
        var written = result.References("written").ToList();

        Assert.Equal(4, written.Count);
        Assert.Equal(false, result.Boolean("dryRun"));
        using var episodeResponse = await _client.SendAsync(HttpMethod.Get, "EpisodeOfCare/ecm-g-real-ecm");
        var episode = await episodeResponse.ReadAsync<EpisodeOfCare>();
        Assert.Equal("2", episode.Meta!.VersionId);
        Assert.Equal(Preferred, episode.ManagingOrganization!.Reference);
        Assert.Equal("2026-03-10", episode.Period!.Start);
        Assert.Contains(episode.Team, t => t.Reference is { } r && written.Contains(r));

        var compliance = await ComplianceAsync("ecm-g-real", "2026-03-11T12:00:00-07:00");
        Assert.Equal("met", compliance.Results("ECM-ASSIGN-10BD").Single().PartCode("state"));
        Assert.Equal("met", compliance.Results("ECM-LCM").Single().PartCode("state"));
        Assert.Equal("pending", compliance.Results("ECM-PCP-10BD").Single().PartCode("state"));
        Assert.Equal("pending", compliance.Results("ECM-NOTIFY-WEEKLY").Single().PartCode("state"));

        foreach (var reference in written.Where(w => w.StartsWith("Communication/", StringComparison.Ordinal)))
        {
            using var read = await _client.SendAsync(HttpMethod.Get, reference);
            var communication = await read.ReadAsync<Communication>();
            communication.Status = EventStatus.Completed;
            communication.Sent = "2026-03-11T09:00:00-07:00";
            await PutAsync(_client, communication);
        }

        var sent = await ComplianceAsync("ecm-g-real", "2026-03-11T12:00:00-07:00");
        Assert.Equal("met", sent.Results("ECM-PCP-10BD").Single().PartCode("state"));
        Assert.Equal("met", sent.Results("ECM-NOTIFY-WEEKLY").Single().PartCode("state"));
    }

    private Task<Parameters> ComplianceAsync(string patient, string asOf) =>
        ScenarioServer.OperationAsync(_client, $"Patient/{patient}/$deadline-compliance?atRiskDays=0&asOf={Uri.EscapeDataString(asOf)}"
            + "&rule=ECM-ASSIGN-10BD&rule=ECM-PCP-10BD&rule=ECM-NOTIFY-WEEKLY&rule=ECM-LCM");

    [Theory]
    [InlineData("ks-earleen", HttpStatusCode.UnprocessableEntity, "no-ecm-enrollment")]
    [InlineData("kern-samuel-reyes", HttpStatusCode.Conflict, "already-assigned")]
    public async Task Refusals_name_the_rule_and_write_nothing(string patient, HttpStatusCode expected, string code)
    {
        using var before = await _client.SendAsync(HttpMethod.Get, "_history?_count=1");
        var latest = (await before.ReadAsync<Bundle>()).Entry[0].FullUrl;

        using var response = await PostAsync(patient, Preferred);
        using var after = await _client.SendAsync(HttpMethod.Get, "_history?_count=1");

        Assert.Equal(expected, response.StatusCode);
        var issue = (await response.ReadAsync<OperationOutcome>()).Issue[0];
        Assert.Contains("ECM-ASSIGN-10BD", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains(code, issue.Diagnostics, StringComparison.Ordinal);
        Assert.Equal(latest, (await after.ReadAsync<Bundle>()).Entry[0].FullUrl);
    }

    [Fact]
    public async Task A_posted_preferredProvider_that_is_not_an_Organization_reference_is_400()
    {
        var body = new Parameters();
        body.Add("preferredProvider", new FhirString("Bakersfield Community Care Partners"));

        using var response = await _client.SendAsync(HttpMethod.Post, "Patient/kern-samuel-reyes/$assign-ecm-provider", FhirHttp.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains("preferredProvider"));
    }

    [Theory]
    [InlineData("preferredProvider=Practitioner/dr-a", "preferredProvider")]
    [InlineData("preferredProvider=bakersfield", "preferredProvider")]
    [InlineData("dryRun=maybe", "dryRun")]
    [InlineData("dryRun=true&dryRun=true", "dryRun")]
    [InlineData("dryRun=true&asOf=soon", "asOf")]
    [InlineData("dryRun=true&provider=Organization/x", "provider")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string expression)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "Patient/kern-samuel-reyes/$assign-ecm-provider?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains(expression));
    }
}
