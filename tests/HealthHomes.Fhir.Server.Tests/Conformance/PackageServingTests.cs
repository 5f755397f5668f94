using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Conformance;

/// <summary>The conformance package over REST: published at startup, searchable, read-only, listed in /metadata.</summary>
public sealed class PackageServingTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const string Base = "https://fhir.healthhomes.example";
    private const string Attempt = Base + "/StructureDefinition/hh-outreach-attempt";

    private readonly HttpClient _client = factory.CreateFhirClient();

    [Theory]
    [InlineData("StructureDefinition?url=" + Attempt, "hh-outreach-attempt")]
    [InlineData("StructureDefinition?url=" + Attempt + "&version=0.1.0", "hh-outreach-attempt")]
    [InlineData("StructureDefinition?name=OutreachAttempt", "hh-outreach-attempt")]
    [InlineData("StructureDefinition?type=EpisodeOfCare&url=" + Base + "/StructureDefinition/hh-program-enrollment", "hh-program-enrollment")]
    [InlineData("ValueSet?url=" + Base + "/ValueSet/hh-outreach-modality&status=active", "hh-outreach-modality")]
    [InlineData("CodeSystem?url=" + Base + "/CodeSystem/hh-attempt-outcome", "hh-attempt-outcome")]
    [InlineData("SearchParameter?url=" + Base + "/SearchParameter/hh-modality", "hh-modality")]
    public async Task Package_resources_are_found_by_url_name_type_and_status(string query, string id)
    {
        var bundle = await SearchAsync(query);
        Assert.Equal(id, Assert.Single(bundle.Entry).Resource!.Id);
    }

    [Fact]
    public async Task Every_profile_of_a_type_is_found_by_type_and_status()
    {
        var bundle = await SearchAsync("StructureDefinition?type=Task&status=active&_count=50");
        Assert.Equal(["hh-checklist-step", "hh-outreach-attempt", "hh-referral-task"], bundle.Entry.Select(e => e.Resource!.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_package_resource_is_read_by_id_and_stays_at_version_1()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "StructureDefinition/hh-outreach-attempt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sd = await response.ReadAsync<StructureDefinition>();
        Assert.Equal(Attempt, sd.Url);
        Assert.Equal("1", sd.Meta!.VersionId);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Clients_cannot_change_a_package_resource(string method)
    {
        using var read = await _client.SendAsync(HttpMethod.Get, "ValueSet/hh-outreach-modality");
        var body = await read.Content.ReadAsStringAsync();
        HttpContent? content = method switch
        {
            "PUT" => FhirHttp.Body(body),
            "PATCH" => FhirHttp.Body("""[{"op":"replace","path":"/status","value":"retired"}]""", "application/json-patch+json"),
            _ => null,
        };

        using var response = await _client.SendAsync(new HttpMethod(method), "ValueSet/hh-outreach-modality", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Equal(OperationOutcome.IssueType.Forbidden, outcome.Issue[0].Code);
        Assert.Contains("conformance package", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        using var after = await _client.SendAsync(HttpMethod.Get, "ValueSet/hh-outreach-modality");
        Assert.Equal("1", (await after.ReadAsync<ValueSet>()).Meta!.VersionId);
    }

    [Fact]
    public async Task A_client_resource_cannot_take_a_package_url_but_may_post_its_own()
    {
        var shadow = new ValueSet { Url = Base + "/ValueSet/hh-outreach-modality", Status = PublicationStatus.Draft };
        using var refused = await _client.SendAsync(HttpMethod.Post, "ValueSet", FhirHttp.Body(shadow));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var own = new ValueSet { Url = "https://ehr.example/ValueSet/" + Guid.NewGuid().ToString("N"), Status = PublicationStatus.Draft };
        using var created = await _client.SendAsync(HttpMethod.Post, "ValueSet", FhirHttp.Body(own));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task A_transaction_touching_a_package_resource_stores_nothing()
    {
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                new() { Resource = new Patient { Name = [new HumanName { Family = "Untouched" }] }, Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } },
                new() { Request = new() { Method = Bundle.HTTPVerb.DELETE, Url = "CodeSystem/hh-program" } },
            ],
        };
        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(bundle));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var read = await _client.SendAsync(HttpMethod.Get, "CodeSystem/hh-program");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Metadata_lists_the_package_profiles_per_type()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "metadata");
        var statement = await response.ReadAsync<CapabilityStatement>();
        var resources = statement.Rest[0].Resource.ToDictionary(r => r.Type!);
        Assert.Contains(Attempt, resources["Task"].SupportedProfile);
        Assert.Contains(Base + "/StructureDefinition/hh-member", resources["Patient"].SupportedProfile);
        Assert.Equal(3, resources["Organization"].SupportedProfile.Count());
        Assert.Contains(resources["Task"].SearchParam, p => p.Name == "modality" && p.Definition == Base + "/SearchParameter/hh-modality");
        Assert.Contains(resources["EpisodeOfCare"].SearchParam, p => p.Name == "program");
    }

    private async Task<Bundle> SearchAsync(string query)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<Bundle>();
    }
}
