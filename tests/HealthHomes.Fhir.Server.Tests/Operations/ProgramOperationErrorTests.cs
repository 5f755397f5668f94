using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>Bad or missing parameters, unknown programs and members, members not enrolled: 4xx with an OperationOutcome naming the cause, and nothing written.</summary>
public sealed class ProgramOperationErrorTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    [Theory]
    [InlineData("Patient/ks-earleen/$engagement-status?program=ny-hh", HttpStatusCode.BadRequest, "program")]
    [InlineData("Patient/ks-earleen/$engagement-status?asOf=yesterday", HttpStatusCode.BadRequest, "asOf")]
    [InlineData("Patient/ks-earleen/$engagement-status?color=blue", HttpStatusCode.BadRequest, "color")]
    [InlineData("Patient/ks-earleen/$engagement-status?asOf=2026-08-01&asOf=2026-08-02", HttpStatusCode.BadRequest, "asOf")]
    [InlineData("Patient/ks-earleen/$engagement-status?program=ecm", HttpStatusCode.UnprocessableEntity, "program")]
    [InlineData("Patient/ks-earleen/$engagement-status?asOf=2026-01-01", HttpStatusCode.UnprocessableEntity, "program")]
    [InlineData("Patient/ks-earleen/$deadline-compliance?rule=KS-NOPE", HttpStatusCode.BadRequest, "rule")]
    [InlineData("Patient/ks-earleen/$deadline-compliance?state=late", HttpStatusCode.BadRequest, "state")]
    [InlineData("Patient/ks-earleen/$deadline-compliance?atRiskDays=-1", HttpStatusCode.BadRequest, "atRiskDays")]
    public async Task Bad_request_is_4xx_naming_the_parameter(string url, HttpStatusCode expected, string expression)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);

        Assert.Equal(expected, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Contains(outcome.Issue, i => i.Expression.Contains(expression));
    }

    [Fact]
    public async Task Unknown_member_is_404()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "Patient/no-such-member/$engagement-status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ResourceType.OperationOutcome.ToString(), (await response.ReadAsync<Resource>()).TypeName);
    }

    [Fact]
    public async Task A_body_that_is_not_Parameters_is_400()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "Patient/ks-earleen/$engagement-status", FhirHttp.Body(new Patient()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Operations_write_nothing()
    {
        using var before = await _client.SendAsync(HttpMethod.Get, "_history?_count=1");
        var latest = (await before.ReadAsync<Bundle>()).Entry[0].FullUrl;

        using var status = await _client.SendAsync(HttpMethod.Get, "Patient/ks-wanda-hollis/$engagement-status?asOf=2026-02-20");
        using var compliance = await _client.SendAsync(HttpMethod.Get, "Patient/ks-wanda-hollis/$deadline-compliance?asOf=2026-02-20");
        using var after = await _client.SendAsync(HttpMethod.Get, "_history?_count=1");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, compliance.StatusCode);
        Assert.Equal(latest, (await after.ReadAsync<Bundle>()).Entry[0].FullUrl);
    }

    [Fact]
    public async Task CapabilityStatement_lists_the_program_operations_on_Patient_with_their_definitions()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "metadata");
        var statement = await response.ReadAsync<CapabilityStatement>();
        var patient = statement.Rest[0].Resource.Single(r => r.Type == "Patient");

        Assert.Contains(patient.Operation, o => o.Name == "engagement-status" && o.Definition == "https://fhir.healthhomes.example/OperationDefinition/hh-engagement-status");
        Assert.Contains(patient.Operation, o => o.Name == "deadline-compliance");
        Assert.DoesNotContain(statement.Rest[0].Resource.Single(r => r.Type == "Basic").Operation, o => o.Name == "engagement-status");
    }

    [Fact]
    public async Task OperationDefinition_is_readable()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "OperationDefinition/hh-engagement-status");
        var definition = await response.ReadAsync<OperationDefinition>();

        Assert.Equal("engagement-status", definition.Code);
        Assert.Contains(definition.Parameter, p => p.Name == "asOf" && p.Use == OperationParameterUse.In);
    }
}
