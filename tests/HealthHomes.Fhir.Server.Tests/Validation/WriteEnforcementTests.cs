using System.Net;
using HealthHomes.Fhir.Server.Tests.Bundles;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using static HealthHomes.Fhir.Server.Tests.Validation.ValidationExamples;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;

namespace HealthHomes.Fhir.Server.Tests.Validation;

/// <summary>Create, update, patch, batch and transaction entries are validated before anything is stored.</summary>
public sealed class WriteEnforcementTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Create_of_an_undocumented_outreach_attempt_is_422_naming_hh_out_doc_1()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "Task", FhirHttp.Body(UndocumentedAttempt().ToJsonString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.True(HasIssue(outcome, Severity.Error, "Task", "hh-out-doc-1"), Describe(outcome));
        Assert.True(HasIssue(outcome, Severity.Error, "Task", "KS-OUT-DOC"), Describe(outcome));
    }

    [Fact]
    public async Task Update_as_create_of_an_invalid_resource_stores_nothing()
    {
        var id = NewId();
        using var put = await _client.SendAsync(HttpMethod.Put, $"Task/{id}", FhirHttp.Body(UndocumentedAttempt(id).ToJsonString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        using var read = await _client.SendAsync(HttpMethod.Get, $"Task/{id}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Base_R4_invariants_apply_without_any_profile()
    {
        // pat-1: a contact has details or an organization.
        const string patient = """{"resourceType":"Patient","contact":[{"gender":"female"}]}""";
        using var response = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body(patient));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.True(HasIssue(outcome, Severity.Error, "Patient.contact[0]", "pat-1"), Describe(outcome));
    }

    [Fact]
    public async Task Patch_that_breaks_the_profile_is_422_and_the_version_stays()
    {
        var id = NewId();
        using var put = await _client.SendAsync(HttpMethod.Put, $"Task/{id}", FhirHttp.Body(Json(NoAnswer, id).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var patch = await _client.SendAsync(HttpMethod.Patch, $"Task/{id}",
            FhirHttp.Body("""[{"op":"replace","path":"/executionPeriod/start","value":"2026-02-10"}]""", "application/json-patch+json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch.StatusCode);
        Assert.True(HasIssue(await patch.ReadAsync<OperationOutcome>(), Severity.Error, "Task", "hh-out-doc-2"));
        using var read = await _client.SendAsync(HttpMethod.Get, $"Task/{id}");
        Assert.Equal("1", (await read.ReadAsync<Hl7.Fhir.Model.Task>()).Meta!.VersionId);
    }

    [Fact]
    public async Task Warnings_do_not_block_and_come_back_under_return_OperationOutcome()
    {
        var member = Json(Member, NewId());
        member["meta"]!["profile"]!.AsArray().Add("https://nowhere.example/StructureDefinition/unknown");
        using var response = await _client.SendAsync(HttpMethod.Put, $"Patient/{member["id"]}", FhirHttp.Body(member.ToJsonString()), ("Prefer", "return=OperationOutcome"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.True(HasIssue(outcome, Severity.Warning, "Patient.meta.profile[1]", "is not known to this server"), Describe(outcome));
        Assert.True(HasIssue(outcome, Severity.Warning, "Patient.identifier[0].type", "extensible binding"), Describe(outcome));
    }

    [Fact]
    public async Task Transaction_with_one_invalid_entry_fails_whole_naming_the_entry()
    {
        var good = NewId();
        var bad = NewId();
        var bundle = BundleEntries.Transaction(
            BundleEntries.Put(Parse(Json(NoAnswer, good)), $"Task/{good}"),
            BundleEntries.Put(Parse(UndocumentedAttempt(bad)), $"Task/{bad}"));
        using var response = await _client.PostBundleAsync(bundle);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.True(HasIssue(outcome, Severity.Error, "Bundle.entry[1].resource", "hh-out-doc-1"), Describe(outcome));
        using var read = await _client.SendAsync(HttpMethod.Get, $"Task/{good}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Batch_reports_the_invalid_entry_and_warnings_in_entry_response_outcome()
    {
        var member = NewId();
        var bundle = BundleEntries.Batch(
            BundleEntries.Put(Parse(Json(Member, member)), $"Patient/{member}"),
            BundleEntries.Post(Parse(UndocumentedAttempt())));
        using var response = await _client.PostBundleAsync(bundle);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        var (created, failed) = (result.Entry[0].Response!, result.Entry[1].Response!);
        Assert.StartsWith("201", created.Status, StringComparison.Ordinal);
        Assert.True(HasIssue(Assert.IsType<OperationOutcome>(created.Outcome), Severity.Warning, "Patient.identifier[0].type", "extensible binding"));
        Assert.StartsWith("422", failed.Status, StringComparison.Ordinal);
        Assert.True(HasIssue(Assert.IsType<OperationOutcome>(failed.Outcome), Severity.Error, "Bundle.entry[1].resource", "hh-out-doc-1"));
    }

    [Fact]
    public async Task Every_example_is_accepted()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json"))
        {
            var json = Json(Path.GetFileName(file));
            using var response = await _client.SendAsync(HttpMethod.Put, $"{json["resourceType"]}/{json["id"]}", FhirHttp.Body(json.ToJsonString()));
            Assert.True(response.IsSuccessStatusCode, $"{Path.GetFileName(file)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
