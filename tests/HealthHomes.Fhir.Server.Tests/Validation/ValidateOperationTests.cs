using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Validation.ValidationExamples;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Validation;

/// <summary>$validate (https://hl7.org/fhir/R4/resource-operation-validate.html): 200 with an OperationOutcome; 4xx when it cannot validate.</summary>
public sealed class ValidateOperationTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Clean_resource_is_all_OK()
    {
        var outcome = await ValidateAsync("Basic/$validate", """{"resourceType":"Basic","code":{"text":"note"}}""");
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(Severity.Information, issue.Severity);
        Assert.Contains("All OK", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_resource_is_200_with_the_errors_and_is_not_stored()
    {
        var id = NewId();
        var outcome = await ValidateAsync($"Task/{id}/$validate", UndocumentedAttempt(id).ToJsonString());
        Assert.True(HasIssue(outcome, Severity.Error, "Task", "hh-out-doc-1"), Describe(outcome));
        using var read = await _client.SendAsync(HttpMethod.Get, $"Task/{id}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Parameters_body_with_resource_mode_and_profile()
    {
        var body = $$$"""
            {"resourceType":"Parameters","parameter":[
              {"name":"resource","resource":{"resourceType":"Patient","name":[{"family":"Price"}]}},
              {"name":"mode","valueCode":"create"},
              {"name":"profile","valueCanonical":"{{{Profiles}}}hh-member"}]}
            """;
        var outcome = await ValidateAsync("Patient/$validate", body);
        Assert.True(HasIssue(outcome, Severity.Error, "Patient.birthDate", "allowed 1..1"), Describe(outcome));
        Assert.True(HasIssue(outcome, Severity.Error, "Patient", "hh-mem-1"), Describe(outcome));
    }

    [Fact]
    public async Task Profile_in_the_query_applies()
    {
        var outcome = await ValidateAsync($"Patient/$validate?profile={Profiles}hh-member", """{"resourceType":"Patient"}""");
        Assert.True(HasIssue(outcome, Severity.Error, "Patient.name", "allowed 1.."), Describe(outcome));
    }

    [Fact]
    public async Task Get_validates_the_stored_resource()
    {
        var member = Json(Member, NewId());
        using var put = await _client.SendAsync(HttpMethod.Put, $"Patient/{member["id"]}", FhirHttp.Body(member.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var response = await _client.SendAsync(HttpMethod.Get, $"Patient/{member["id"]}/$validate");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.DoesNotContain(outcome.Issue, i => i.Severity == Severity.Error);
    }

    [Fact]
    public async Task Mode_delete_is_OK_for_a_client_resource_and_an_error_for_a_package_one()
    {
        var ok = await ValidateAsync("Basic/some-id/$validate?mode=delete", """{"resourceType":"Parameters","parameter":[{"name":"mode","valueCode":"delete"}]}""");
        Assert.Equal(Severity.Information, Assert.Single(ok.Issue).Severity);
        using var response = await _client.SendAsync(HttpMethod.Get, "StructureDefinition/hh-member/$validate?mode=delete");
        var refused = await response.ReadAsync<OperationOutcome>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(refused.Issue, i => i.Severity == Severity.Error && (i.Diagnostics ?? "").Contains("cannot be deleted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Patient/$validate", """{"resourceType":"Parameters","parameter":[{"name":"mode","valueCode":"create"}]}""")]
    [InlineData("Patient/$validate", """{"resourceType":"Observation","status":"final","code":{"text":"x"}}""")]
    [InlineData("Patient/$validate?mode=replace", """{"resourceType":"Patient"}""")]
    [InlineData("Patient/p1/$validate?mode=update", """{"resourceType":"Patient","id":"p2"}""")]
    [InlineData("Patient/$validate", """{"resourceType":"Patient","bogus":1}""")]
    [InlineData("Unicorn/$validate", """{"resourceType":"Patient"}""")]
    public async Task Bad_input_is_4xx(string url, string body)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, url, FhirHttp.Body(body));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.NotEmpty((await response.ReadAsync<OperationOutcome>()).Issue);
    }

    [Fact]
    public async Task Capability_statement_lists_validate_on_every_type()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "metadata");
        var statement = await response.ReadAsync<CapabilityStatement>();
        Assert.All(statement.Rest[0].Resource, r => Assert.Contains(r.Operation, o => o.Name == "validate" && o.Definition == "http://hl7.org/fhir/OperationDefinition/Resource-validate"));
    }

    private async Task<OperationOutcome> ValidateAsync(string url, string body)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, url, FhirHttp.Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<OperationOutcome>();
    }
}
