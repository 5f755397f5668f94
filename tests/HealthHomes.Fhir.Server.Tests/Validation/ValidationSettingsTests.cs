using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Validation.ValidationExamples;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Validation;

/// <summary>Strict mode: every Task must conform to one of the program Task profiles.</summary>
public sealed class StrictTaskServer : FhirServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Validation:RequiredProfiles:Task:0", Profiles + "hh-outreach-attempt"),
        new("Validation:RequiredProfiles:Task:1", Profiles + "hh-checklist-step"),
        new("Validation:RequiredProfiles:Task:2", Profiles + "hh-referral-task"),
    ];
}

/// <summary>Write validation switched off.</summary>
public sealed class UnvalidatedServer : FhirServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Validation:OnWrite", "false")];
}

public sealed class StrictModeTests(StrictTaskServer factory) : IClassFixture<StrictTaskServer>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Task_conforming_to_no_program_profile_is_422()
    {
        const string task = """{"resourceType":"Task","status":"requested","intent":"order","description":"call back"}""";
        using var response = await _client.SendAsync(HttpMethod.Post, "Task", FhirHttp.Body(task));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.True(HasIssue(outcome, Severity.Error, "Task.meta.profile", "must conform to one of the profiles"), Describe(outcome));
    }

    [Fact]
    public async Task Outreach_attempt_without_meta_profile_conforms_to_one_and_is_stored()
    {
        var attempt = Json(NoAnswer);
        attempt.Remove("meta");
        using var response = await _client.SendAsync(HttpMethod.Post, "Task", FhirHttp.Body(attempt.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Other_types_are_not_constrained()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "Basic", FhirHttp.Body("""{"resourceType":"Basic","code":{"text":"x"}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

public sealed class WriteValidationOffTests(UnvalidatedServer factory) : IClassFixture<UnvalidatedServer>
{
    [Fact]
    public async Task Invalid_attempt_is_stored_but_validate_still_reports_it()
    {
        var client = factory.CreateFhirClient();
        using var created = await client.SendAsync(HttpMethod.Post, "Task", FhirHttp.Body(UndocumentedAttempt().ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var validated = await client.SendAsync(HttpMethod.Post, "Task/$validate", FhirHttp.Body(UndocumentedAttempt().ToJsonString()));
        Assert.True(HasIssue(await validated.ReadAsync<OperationOutcome>(), Severity.Error, "Task", "hh-out-doc-1"));
    }
}
