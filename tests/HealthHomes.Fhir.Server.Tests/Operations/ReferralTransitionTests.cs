using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Operations.ReportTestData;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>ECM-CLR on write, through HTTP: an illegal referral status change or a closure without a reason text is a 422 naming ECM-CLR, and no version is stored.</summary>
public sealed class ReferralTransitionTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private const string Owner = "referral-provider-guard";
    private const string Authored = "2026-03-02T09:00:00-08:00";
    private readonly HttpClient _client = server.CreateFhirClient();

    private async Task<int> VersionsAsync(string id)
    {
        using var response = await _client.GetAsync($"Task/{id}/_history");
        return (await response.ReadAsync<Bundle>()).Entry.Count;
    }

    private async Task<OperationOutcome> RefusedAsync(System.Text.Json.Nodes.JsonObject version)
    {
        using var response = await _client.SendAsync(HttpMethod.Put, $"Task/{version["id"]}", FhirHttp.Body(version.ToJsonString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return await response.ReadAsync<OperationOutcome>();
    }

    [Fact]
    public async Task Moving_a_failed_referral_back_to_requested_is_422_naming_ECM_CLR_and_nothing_is_stored()
    {
        await PutAsync(_client, Organization(Owner));
        await HistoryAsync(_client,
            Referral("referral-guard-reopen", Owner, "requested", Authored, Authored),
            Referral("referral-guard-reopen", Owner, "accepted", Authored, "2026-03-03T09:00:00-08:00"),
            Referral("referral-guard-reopen", Owner, "failed", Authored, "2026-03-20T09:00:00-07:00", "member-unable-to-reach", "No answer to three calls"));

        var outcome = await RefusedAsync(Referral("referral-guard-reopen", Owner, "requested", Authored, "2026-03-21T09:00:00-07:00"));

        Assert.Contains(outcome.Issue, i => (i.Diagnostics ?? "").Contains("ECM-CLR", StringComparison.Ordinal) && i.Expression.Contains("Task.status"));
        Assert.Equal(3, await VersionsAsync("referral-guard-reopen"));
    }

    [Fact]
    public async Task Closing_without_statusReason_text_is_422_naming_ECM_CLR_and_nothing_is_stored()
    {
        await PutAsync(_client, Organization(Owner));
        await HistoryAsync(_client,
            Referral("referral-guard-no-text", Owner, "requested", Authored, Authored),
            Referral("referral-guard-no-text", Owner, "accepted", Authored, "2026-03-03T09:00:00-08:00"));

        var outcome = await RefusedAsync(Referral("referral-guard-no-text", Owner, "completed", Authored, "2026-03-10T09:00:00-07:00", "completed"));

        Assert.Contains(outcome.Issue, i => (i.Diagnostics ?? "").Contains("ECM-CLR", StringComparison.Ordinal) && i.Expression.Contains("Task.statusReason.text"));
        Assert.Equal(2, await VersionsAsync("referral-guard-no-text"));
        using var read = await _client.GetAsync("Task/referral-guard-no-text");
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Accepted, (await read.ReadAsync<Hl7.Fhir.Model.Task>()).Status);
    }
}
