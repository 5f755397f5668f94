using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>Bad input is a 4xx with an OperationOutcome naming the culprit, and changes nothing in the store.</summary>
public sealed class InputErrorTests(InputErrorTests.SmallBodyServer factory) : IClassFixture<InputErrorTests.SmallBodyServer>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    public sealed class SmallBodyServer : FhirServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("FhirServer:MaxRequestBodyBytes", "4096")];
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadBodies => new()
    {
        // body, why, status, expression of the culprit
        { """{"resourceType":"Patient","name":[{"family":"X"}""", "truncated JSON", HttpStatusCode.BadRequest, null },
        { "not json at all", "not JSON", HttpStatusCode.BadRequest, null },
        { """{"resourceType":"Patient","favouriteColour":"blue"}""", "unknown element", HttpStatusCode.BadRequest, "Patient.favouriteColour" },
        { """{"resourceType":"Patient","gender":"bogus"}""", "code outside a required binding", HttpStatusCode.BadRequest, "Patient.gender" },
        { """{"resourceType":"Patient","name":[{"family":""}]}""", "empty string", HttpStatusCode.BadRequest, "Patient.name[0].family" },
        { """{"resourceType":"Patient","gender":"male","gender":"female"}""", "duplicate property", HttpStatusCode.BadRequest, null },
        { """{"resourceType":"Patient","birthDate":"1974-13-45"}""", "malformed date", HttpStatusCode.BadRequest, "Patient.birthDate" },
        { """{"resourceType":"Observation","status":"final","code":{"text":"x"}}""", "resourceType not matching the endpoint", HttpStatusCode.BadRequest, "resourceType" },
        { """{"resourceType":"Wombat"}""", "unknown resource type in the body", HttpStatusCode.BadRequest, null },
        { "", "empty body", HttpStatusCode.BadRequest, null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_on_create_is_4xx_with_an_OperationOutcome_and_stores_nothing(string body, string why, HttpStatusCode status, string? expression)
    {
        var before = await PatientVersionCountAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body(body));

        Assert.True(status == response.StatusCode, $"{why}: expected {status}, got {response.StatusCode}");
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.All(outcome.Issue, i => Assert.NotNull(i.Diagnostics));
        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error);
        if (expression is not null)
        {
            Assert.Contains(outcome.Issue, i => i.Expression.Contains(expression));
        }

        Assert.Equal(before, await PatientVersionCountAsync());
    }

    [Fact]
    public async Task Put_whose_body_id_differs_from_the_url_is_400_naming_the_id()
    {
        using var response = await _client.SendAsync(HttpMethod.Put, "Patient/abc", FhirHttp.Body("""{"resourceType":"Patient","id":"xyz"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Patient.id", (await response.ReadAsync<OperationOutcome>()).Issue[0].Expression);
        using var read = await _client.SendAsync(HttpMethod.Get, "Patient/abc");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Put_without_an_id_in_the_body_is_400()
    {
        using var response = await _client.SendAsync(HttpMethod.Put, "Patient/no-body-id", FhirHttp.Body("""{"resourceType":"Patient"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Patient/has_underscore")]
    [InlineData("Patient/this-id-is-far-too-long-to-be-a-fhir-id-because-it-has-more-than-64-chars")]
    public async Task An_invalid_id_is_400(string url)
    {
        var id = url.Split('/')[1];
        using var response = await _client.SendAsync(HttpMethod.Put, url, FhirHttp.Body($$"""{"resourceType":"Patient","id":"{{id}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "Wombat/1")]
    [InlineData("POST", "Wombat")]
    [InlineData("PUT", "Wombat/1")]
    [InlineData("DELETE", "Wombat/1")]
    public async Task An_unknown_resource_type_is_4xx_with_an_OperationOutcome(string method, string url)
    {
        using var response = await _client.SendAsync(new HttpMethod(method), url, method is "POST" or "PUT" ? FhirHttp.Body("""{"resourceType":"Wombat","id":"1"}""") : null);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, (await response.ReadAsync<OperationOutcome>()).Issue[0].Code);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var big = new string('x', 8000);
        using var response = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body($$"""{"resourceType":"Patient","name":[{"text":"{{big}}"}]}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.TooLong, (await response.ReadAsync<OperationOutcome>()).Issue[0].Code);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task An_unsupported_content_type_is_415(string contentType)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "Patient", FhirHttp.Body("""{"resourceType":"Patient"}""", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "Patient/1/not-an-interaction/x")]
    [InlineData("OPTIONS", "Patient/1")]
    public async Task A_request_no_interaction_answers_is_4xx_with_an_OperationOutcome(string method, string url)
    {
        using var response = await _client.SendAsync(new HttpMethod(method), url);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.NotEmpty((await response.ReadAsync<OperationOutcome>()).Issue);
    }

    private async Task<int> PatientVersionCountAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM ResourceVersion WHERE ResourceType = 'Patient'";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
