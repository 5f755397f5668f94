using System.Net;
using HealthHomes.Fhir.Server.Tests.Bundles;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Validation.ValidationExamples;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Validation;

/// <summary>Client-uploaded StructureDefinitions, ValueSets and CodeSystems apply without a restart, after their write commits.</summary>
public sealed class UploadedProfileTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const string Base = "https://county.example";
    private readonly HttpClient _client = factory.CreateFhirClient();

    /// <summary>A differential-only profile derived from our outreach attempt: the attempt must name its owner (and, in v2, carry a note).</summary>
    private static string OwnedAttempt(string id, bool needsNote = false) => OwnedAttemptJson(id, needsNote ? NoteRequired : "");

    private const string NoteRequired = """,{"id":"Task.note","path":"Task.note","min":1}""";

    private static string OwnedAttemptJson(string id, string more) => $$$"""
        {"resourceType":"StructureDefinition","id":"{{{id}}}","url":"{{{Base}}}/StructureDefinition/{{{id}}}","name":"OwnedAttempt","status":"active",
         "kind":"resource","abstract":false,"type":"Task","derivation":"constraint",
         "baseDefinition":"https://fhir.healthhomes.example/StructureDefinition/hh-outreach-attempt",
         "differential":{"element":[{"id":"Task.owner","path":"Task.owner","min":1}{{{more}}}]}}
        """;

    [Fact]
    public async Task Structure_definition_applies_when_created_changes_when_updated_and_stops_when_deleted()
    {
        var id = "owned-" + NewId();
        await SendOkAsync(HttpMethod.Put, $"StructureDefinition/{id}", OwnedAttempt(id));
        var attempt = Json(NoAnswer);
        attempt["meta"]!["profile"]!.AsArray().Add($"{Base}/StructureDefinition/{id}");
        attempt.Remove("owner");
        var outcome = await WriteAsync(attempt.ToJsonString(), HttpStatusCode.UnprocessableEntity);
        Assert.True(HasIssue(outcome, Severity.Error, "Task.owner", "allowed 1.."), Describe(outcome));

        await SendOkAsync(HttpMethod.Put, $"StructureDefinition/{id}", OwnedAttempt(id, needsNote: true));
        var owned = Json(NoAnswer);
        owned["meta"]!["profile"]!.AsArray().Add($"{Base}/StructureDefinition/{id}");
        owned.Remove("note");
        outcome = await WriteAsync(owned.ToJsonString(), HttpStatusCode.UnprocessableEntity);
        Assert.True(HasIssue(outcome, Severity.Error, "Task.note", "allowed 1.."), Describe(outcome));

        await SendOkAsync(HttpMethod.Delete, $"StructureDefinition/{id}");
        outcome = await WriteAsync(attempt.ToJsonString(), HttpStatusCode.Created);
        Assert.True(HasIssue(outcome, Severity.Warning, "Task.meta.profile[1]", "is not known to this server"), Describe(outcome));
    }

    [Fact]
    public async Task A_profile_whose_base_is_not_held_is_stored_with_a_warning_that_it_cannot_be_used_yet()
    {
        var id = "orphan-" + NewId();
        var json = $$$"""
            {"resourceType":"StructureDefinition","id":"{{{id}}}","url":"{{{Base}}}/StructureDefinition/{{{id}}}","name":"Orphan","status":"active",
             "kind":"resource","abstract":false,"type":"Task","derivation":"constraint",
             "baseDefinition":"{{{Base}}}/StructureDefinition/never-uploaded",
             "differential":{"element":[{"id":"Task.owner","path":"Task.owner","min":1}]}}
            """;

        var orphan = await WriteAsync(json, HttpStatusCode.Created, "StructureDefinition");
        var held = await WriteAsync(OwnedAttempt("owned-" + NewId()), HttpStatusCode.Created, "StructureDefinition");

        Assert.True(HasIssue(orphan, Severity.Warning, "StructureDefinition.baseDefinition", "never-uploaded"), Describe(orphan));
        Assert.False(HasIssue(held, Severity.Warning, "StructureDefinition.baseDefinition", "not held"), Describe(held));
    }

    [Fact]
    public async Task Value_set_and_code_system_apply_change_and_stop()
    {
        var id = "program-" + NewId();
        await SendOkAsync(HttpMethod.Put, $"CodeSystem/{id}", CodeSystem(id, "a", "b"));
        await SendOkAsync(HttpMethod.Put, $"ValueSet/{id}", $$$"""{"resourceType":"ValueSet","id":"{{{id}}}","url":"{{{Base}}}/ValueSet/{{{id}}}","status":"active","compose":{"include":[{"system":"{{{Base}}}/CodeSystem/{{{id}}}"}]}}""");
        await SendOkAsync(HttpMethod.Put, $"StructureDefinition/{id}", $$$"""
            {"resourceType":"StructureDefinition","id":"{{{id}}}","url":"{{{Base}}}/StructureDefinition/{{{id}}}","name":"CountyNote","status":"active",
             "kind":"resource","abstract":false,"type":"Basic","derivation":"constraint","baseDefinition":"http://hl7.org/fhir/StructureDefinition/Basic",
             "differential":{"element":[{"id":"Basic.code","path":"Basic.code","binding":{"strength":"required","valueSet":"{{{Base}}}/ValueSet/{{{id}}}"}}]}}
            """);
        var basic = $$$"""{"resourceType":"Basic","meta":{"profile":["{{{Base}}}/StructureDefinition/{{{id}}}"]},"code":{"coding":[{"system":"{{{Base}}}/CodeSystem/{{{id}}}","code":"c"}]}}""";
        var outcome = await WriteAsync(basic, HttpStatusCode.UnprocessableEntity, "Basic");
        Assert.True(HasIssue(outcome, Severity.Error, "Basic.code", $"ValueSet/{id}"), Describe(outcome));

        await SendOkAsync(HttpMethod.Put, $"CodeSystem/{id}", CodeSystem(id, "a", "b", "c"));
        await WriteAsync(basic, HttpStatusCode.Created, "Basic");

        await SendOkAsync(HttpMethod.Delete, $"ValueSet/{id}");
        outcome = await WriteAsync(basic.Replace("\"c\"", "\"z\"", StringComparison.Ordinal), HttpStatusCode.Created, "Basic");
        Assert.True(HasIssue(outcome, Severity.Information, "Basic.code", "is not held"), Describe(outcome));
    }

    [Fact]
    public async Task Profile_uploaded_in_a_failed_transaction_does_not_apply()
    {
        var id = "rolled-back-" + NewId();
        var bundle = BundleEntries.Transaction(
            BundleEntries.Put(Parse(System.Text.Json.Nodes.JsonNode.Parse(OwnedAttempt(id))!.AsObject()), $"StructureDefinition/{id}"),
            BundleEntries.Post(Parse(UndocumentedAttempt())));
        using var failed = await _client.PostBundleAsync(bundle);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failed.StatusCode);

        var attempt = Json(NoAnswer);
        attempt["meta"]!["profile"]!.AsArray().Add($"{Base}/StructureDefinition/{id}");
        attempt.Remove("owner");
        var outcome = await WriteAsync(attempt.ToJsonString(), HttpStatusCode.Created);
        Assert.True(HasIssue(outcome, Severity.Warning, "Task.meta.profile[1]", "is not known to this server"), Describe(outcome));
    }

    [Fact]
    public async Task A_second_server_on_the_same_database_loads_uploaded_profiles_at_startup()
    {
        var id = "shared-" + NewId();
        await SendOkAsync(HttpMethod.Put, $"StructureDefinition/{id}", OwnedAttempt(id));
        using var second = new SameDatabaseServer(factory.DataDirectory);
        var attempt = Json(NoAnswer);
        attempt["meta"]!["profile"]!.AsArray().Add($"{Base}/StructureDefinition/{id}");
        attempt.Remove("owner");
        using var response = await second.CreateFhirClient().SendAsync(HttpMethod.Post, "Task", FhirHttp.Body(attempt.ToJsonString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private static string CodeSystem(string id, params string[] codes) =>
        $$$"""{"resourceType":"CodeSystem","id":"{{{id}}}","url":"{{{Base}}}/CodeSystem/{{{id}}}","status":"active","content":"complete","concept":[{{{string.Join(",", codes.Select(c => "{\"code\":\"" + c + "\"}"))}}}]}""";

    private async Task SendOkAsync(HttpMethod method, string url, string? body = null)
    {
        using var response = await _client.SendAsync(method, url, body is null ? null : FhirHttp.Body(body));
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<OperationOutcome> WriteAsync(string json, HttpStatusCode expected, string type = "Task")
    {
        using var response = await _client.SendAsync(HttpMethod.Post, type, FhirHttp.Body(json), ("Prefer", "return=OperationOutcome"));
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}:\n{Describe(outcome)}");
        return outcome;
    }

    /// <summary>Another server node over the first one's database file.</summary>
    private sealed class SameDatabaseServer(string dataDirectory) : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:DataDirectory", dataDirectory)];
    }
}
