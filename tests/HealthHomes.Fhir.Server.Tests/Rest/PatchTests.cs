using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>PATCH with JSON Patch (https://hl7.org/fhir/R4/http.html#patch) over HTTP on a real database file.</summary>
public sealed class PatchTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const string JsonPatch = "application/json-patch+json";

    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Replace_add_and_remove_make_a_new_version()
    {
        var id = await CreatePatientAsync();

        using var response = await PatchAsync($"Patient/{id}", """
            [
              {"op":"replace","path":"/name/0/family","value":"Reyes-Lopez"},
              {"op":"add","path":"/name/0/given/-","value":"Maria"},
              {"op":"add","path":"/birthDate","value":"1980-02-03"},
              {"op":"remove","path":"/gender"}
            ]
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag!.ToString());
        var read = await ReadAsync(id);
        Assert.Equal("Reyes-Lopez", read.Name[0].Family);
        Assert.Equal(["Ana", "Maria"], read.Name[0].Given);
        Assert.Equal("1980-02-03", read.BirthDate);
        Assert.Null(read.Gender);
        Assert.Equal("2", read.Meta!.VersionId);
    }

    [Fact]
    public async Task A_passing_test_lets_the_patch_apply_and_a_failing_test_stops_it()
    {
        var id = await CreatePatientAsync();

        using var passing = await PatchAsync($"Patient/{id}", """[{"op":"test","path":"/name/0/family","value":"Reyes"},{"op":"replace","path":"/active","value":false}]""");
        using var failing = await PatchAsync($"Patient/{id}", """[{"op":"replace","path":"/active","value":true},{"op":"test","path":"/name/0/family","value":"Someone else"}]""");

        Assert.Equal(HttpStatusCode.OK, passing.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failing.StatusCode);
        Assert.Contains("operation 1", (await failing.ReadAsync<OperationOutcome>()).Issue[0].Diagnostics, StringComparison.Ordinal);
        var read = await ReadAsync(id);
        Assert.False(read.Active);
        Assert.Equal("2", read.Meta!.VersionId);
    }

    [Fact]
    public async Task Move_and_copy_rearrange_elements()
    {
        var id = await CreatePatientAsync();

        using var response = await PatchAsync($"Patient/{id}", """
            [
              {"op":"add","path":"/name/0/given/-","value":"Lucia"},
              {"op":"move","from":"/name/0/given/0","path":"/name/0/given/-"},
              {"op":"copy","from":"/name/0","path":"/name/-"},
              {"op":"add","path":"/name/1/use","value":"maiden"}
            ]
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await ReadAsync(id);
        Assert.Equal(["Lucia", "Ana"], read.Name[0].Given);
        Assert.Equal(["Lucia", "Ana"], read.Name[1].Given);
        Assert.Equal(HumanName.NameUse.Maiden, read.Name[1].Use);
    }

    [Theory]
    [InlineData("""[{"op":"remove","path":"/telecom"}]""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""[{"op":"replace","path":"/name/3/family","value":"X"}]""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""[{"op":"frobnicate","path":"/name"}]""", HttpStatusCode.BadRequest)]
    [InlineData("""[{"op":"add","path":"name","value":[]}]""", HttpStatusCode.BadRequest)]
    [InlineData("""{"op":"add","path":"/active","value":true}""", HttpStatusCode.BadRequest)]
    [InlineData("""[{"op":"add","path":"/active"}]""", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task A_patch_that_cannot_apply_is_refused_and_changes_nothing(string patch, HttpStatusCode expected)
    {
        var id = await CreatePatientAsync();

        using var response = await PatchAsync($"Patient/{id}", patch);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty((await response.ReadAsync<OperationOutcome>()).Issue);
        Assert.Equal("1", (await ReadAsync(id)).Meta!.VersionId);
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/favouriteColour","value":"blue"}]""", "favouriteColour")]
    [InlineData("""[{"op":"replace","path":"/gender","value":"bogus"}]""", "gender")]
    [InlineData("""[{"op":"replace","path":"/name/0/family","value":""}]""", "family")]
    public async Task A_patch_producing_an_invalid_resource_is_422_with_the_parser_issue_and_nothing_changes(string patch, string culprit)
    {
        var id = await CreatePatientAsync();

        using var response = await PatchAsync($"Patient/{id}", patch);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Contains(outcome.Issue, i => (i.Diagnostics ?? "").Contains(culprit, StringComparison.Ordinal) || string.Join(' ', i.Expression).Contains(culprit, StringComparison.Ordinal));
        var read = await ReadAsync(id);
        Assert.Equal("1", read.Meta!.VersionId);
        Assert.Equal(AdministrativeGender.Female, read.Gender);
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"/id","value":"someone-else"}]""")]
    [InlineData("""[{"op":"remove","path":"/id"}]""")]
    [InlineData("""[{"op":"replace","path":"/meta/versionId","value":"7"}]""")]
    [InlineData("""[{"op":"replace","path":"/resourceType","value":"Practitioner"}]""")]
    public async Task Id_and_version_metadata_cannot_be_patched(string patch)
    {
        var id = await CreatePatientAsync();

        using var response = await PatchAsync($"Patient/{id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("1", (await ReadAsync(id)).Meta!.VersionId);
    }

    [Fact]
    public async Task If_Match_on_an_old_version_is_412_and_on_the_current_version_applies()
    {
        var id = await CreatePatientAsync();
        const string patch = """[{"op":"replace","path":"/active","value":false}]""";

        using var stale = await PatchAsync($"Patient/{id}", patch, ("If-Match", "W/\"0\""));
        using var current = await PatchAsync($"Patient/{id}", patch, ("If-Match", "W/\"1\""));
        using var nowStale = await PatchAsync($"Patient/{id}", patch, ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, nowStale.StatusCode);
        Assert.Equal("2", (await ReadAsync(id)).Meta!.VersionId);
    }

    [Theory]
    [InlineData("application/fhir+json")]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Other_content_types_are_415(string contentType)
    {
        var id = await CreatePatientAsync();

        using var response = await _client.SendAsync(HttpMethod.Patch, $"Patient/{id}", FhirHttp.Body("""[{"op":"replace","path":"/active","value":false}]""", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("1", (await ReadAsync(id)).Meta!.VersionId);
    }

    [Fact]
    public async Task Patch_of_an_unknown_id_is_404_and_of_a_deleted_resource_410()
    {
        var id = await CreatePatientAsync();
        using var delete = await _client.SendAsync(HttpMethod.Delete, $"Patient/{id}");

        using var unknown = await PatchAsync("Patient/never-created", """[{"op":"replace","path":"/active","value":false}]""");
        using var deleted = await PatchAsync($"Patient/{id}", """[{"op":"replace","path":"/active","value":false}]""");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, deleted.StatusCode);
    }

    [Fact]
    public async Task Conditional_patch_applies_to_the_single_match()
    {
        var system = "urn:test:" + Guid.NewGuid().ToString("N");
        var id = await CreatePatientAsync(new Identifier(system, "m-1"));

        using var response = await PatchAsync($"Patient?identifier={Uri.EscapeDataString(system + "|m-1")}", """[{"op":"replace","path":"/active","value":false}]""");
        using var none = await PatchAsync($"Patient?identifier={Uri.EscapeDataString(system + "|absent")}", """[{"op":"replace","path":"/active","value":false}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.False((await ReadAsync(id)).Active);
    }

    private async Task<string> CreatePatientAsync(Identifier? identifier = null)
        => (await _client.CreateAsync(new Patient
        {
            Active = true,
            Gender = AdministrativeGender.Female,
            Name = [new HumanName { Family = "Reyes", Given = ["Ana"] }],
            Identifier = identifier is null ? [] : [identifier],
        })).Id!;

    private Task<HttpResponseMessage> PatchAsync(string url, string patch, params (string Name, string Value)[] headers)
        => _client.SendAsync(HttpMethod.Patch, url, FhirHttp.Body(patch, JsonPatch), headers);

    private async Task<Patient> ReadAsync(string id)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"Patient/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<Patient>();
    }
}
