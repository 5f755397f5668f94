using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>GET /metadata describes what the server does, and everything it advertises answers (never 500 or 501).</summary>
public sealed class CapabilityTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    /// <summary>A minimal valid instance of each walked type (Task and CarePlan have required elements).</summary>
    private static readonly Dictionary<string, Func<string, Resource>> Minimal = new()
    {
        ["Patient"] = id => new Patient { Id = id, Name = [new HumanName { Family = "Walker" }] },
        ["Task"] = id => new Hl7.Fhir.Model.Task { Id = id, Status = Hl7.Fhir.Model.Task.TaskStatus.Requested, Intent = Hl7.Fhir.Model.Task.TaskIntent.Order },
        ["CarePlan"] = id => new CarePlan { Id = id, Status = RequestStatus.Active, Intent = CarePlan.CarePlanIntent.Plan, Subject = new ResourceReference("Patient/walker") },
    };

    private static readonly CapabilityStatement.TypeRestfulInteraction[] WalkOrder =
    [
        CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Update,
        CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread,
        CapabilityStatement.TypeRestfulInteraction.Patch, CapabilityStatement.TypeRestfulInteraction.HistoryInstance,
        CapabilityStatement.TypeRestfulInteraction.HistoryType, CapabilityStatement.TypeRestfulInteraction.SearchType,
        CapabilityStatement.TypeRestfulInteraction.Delete,
    ];

    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Metadata_is_an_R4_server_statement_listing_Patient_with_read_and_the_name_parameter()
    {
        var statement = await GetStatementAsync();

        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(CapabilityStatementKind.Instance, statement.Kind);
        Assert.Equal(["json", "xml"], statement.Format);
        var rest = Assert.Single(statement.Rest);
        Assert.Equal(CapabilityStatement.RestfulCapabilityMode.Server, rest.Mode);
        var patient = rest.Resource.Single(r => r.Type == "Patient");
        Assert.Contains(CapabilityStatement.TypeRestfulInteraction.Read, patient.Interaction.Select(i => i.Code));
        Assert.Contains(CapabilityStatement.TypeRestfulInteraction.HistoryInstance, patient.Interaction.Select(i => i.Code));
        Assert.Contains(CapabilityStatement.TypeRestfulInteraction.SearchType, patient.Interaction.Select(i => i.Code));
        var name = patient.SearchParam.Single(p => p.Name == "name");
        Assert.Equal(SearchParamType.String, name.Type);
        Assert.Equal("http://hl7.org/fhir/SearchParameter/Patient-name", name.Definition);
        Assert.Equal(CapabilityStatement.ResourceVersionPolicy.Versioned, patient.Versioning);
        Assert.True(patient.ReadHistory);
        Assert.True(patient.UpdateCreate);
        Assert.Equal(CapabilityStatement.ConditionalReadStatus.NotSupported, patient.ConditionalRead);
        Assert.Equal(CapabilityStatement.ConditionalDeleteStatus.Single, patient.ConditionalDelete);
        Assert.Contains("Observation:subject", patient.SearchRevInclude);
        Assert.Contains("Patient:general-practitioner", patient.SearchInclude);
        Assert.Contains(CapabilityStatement.SystemRestfulInteraction.HistorySystem, rest.Interaction.Select(i => i.Code));
        Assert.Contains(CapabilityStatement.SystemRestfulInteraction.SearchSystem, rest.Interaction.Select(i => i.Code));
    }

    [Theory]
    [InlineData("Patient")]
    [InlineData("Observation")]
    [InlineData("Task")]
    [InlineData("EpisodeOfCare")]
    public async Task Every_advertised_search_parameter_is_accepted_under_strict_handling(string type)
    {
        var statement = await GetStatementAsync();
        var advertised = statement.Rest[0].Resource.Single(r => r.Type == type).SearchParam;

        Assert.DoesNotContain(advertised, p => p.Type == SearchParamType.Composite || p.Type == SearchParamType.Special);
        foreach (var parameter in advertised)
        {
            // :missing applies to every indexed type; _id and _lastUpdated live on the resource row and are never missing.
            var criterion = parameter.Name switch { "_id" => "_id=x", "_lastUpdated" => "_lastUpdated=ge2000", _ => $"{parameter.Name}:missing=true" };
            using var response = await _client.SendAsync(HttpMethod.Get, $"{type}?{criterion}&_count=1", null, ("Prefer", "handling=strict"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type}?{parameter.Name} is advertised but answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Every_R4_resource_type_is_listed_and_patch_is_advertised_only_with_its_format()
    {
        var statement = await GetStatementAsync();
        var resources = statement.Rest[0].Resource;

        Assert.Equal(ModelInfo.SupportedResources.Count(t => t is not "Resource" and not "DomainResource"), resources.Count);
        var patch = resources.All(r => r.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Patch));
        Assert.Equal(patch, statement.PatchFormat.Contains("application/json-patch+json"));
    }

    [Fact]
    public async Task Options_on_the_base_also_answers_the_statement()
    {
        using var response = await _client.SendAsync(HttpMethod.Options, "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FHIRVersion.N4_0_1, (await response.ReadAsync<CapabilityStatement>()).FhirVersion);
    }

    [Theory]
    [InlineData("Patient")]
    [InlineData("Task")]
    [InlineData("CarePlan")]
    public async Task Every_advertised_type_interaction_answers_without_500_or_501(string type)
    {
        var statement = await GetStatementAsync();
        var advertised = statement.Rest[0].Resource.Single(r => r.Type == type).Interaction.Select(i => i.Code!.Value).ToList();
        var id = "walk-" + Guid.NewGuid().ToString("N")[..8];
        var body = FhirHttp.Body(Minimal[type](id));

        // In an order where each call has something to act on: create, update-as-create, reads, patch, then delete.
        foreach (var interaction in advertised.OrderBy(i => Array.IndexOf(WalkOrder, i)))
        {
            using var response = interaction switch
            {
                CapabilityStatement.TypeRestfulInteraction.Create => await _client.SendAsync(HttpMethod.Post, type, FhirHttp.Body(Minimal[type]("ignored"))),
                CapabilityStatement.TypeRestfulInteraction.Update => await _client.SendAsync(HttpMethod.Put, $"{type}/{id}", body),
                CapabilityStatement.TypeRestfulInteraction.Read => await _client.SendAsync(HttpMethod.Get, $"{type}/{id}"),
                CapabilityStatement.TypeRestfulInteraction.Vread => await _client.SendAsync(HttpMethod.Get, $"{type}/{id}/_history/1"),
                CapabilityStatement.TypeRestfulInteraction.Patch => await _client.SendAsync(HttpMethod.Patch, $"{type}/{id}",
                    FhirHttp.Body("""[{"op":"add","path":"/language","value":"en"}]""", "application/json-patch+json")),
                CapabilityStatement.TypeRestfulInteraction.Delete => await _client.SendAsync(HttpMethod.Delete, $"{type}/{id}"),
                CapabilityStatement.TypeRestfulInteraction.HistoryInstance => await _client.SendAsync(HttpMethod.Get, $"{type}/{id}/_history"),
                CapabilityStatement.TypeRestfulInteraction.HistoryType => await _client.SendAsync(HttpMethod.Get, $"{type}/_history"),
                CapabilityStatement.TypeRestfulInteraction.SearchType => await _client.SendAsync(HttpMethod.Get, $"{type}?_id={id}"),
                _ => throw new InvalidOperationException($"The test does not know how to call '{interaction}': teach it."),
            };

            Assert.True((int)response.StatusCode < 500, $"{interaction} on {type} answered {(int)response.StatusCode}");
            Assert.True(response.IsSuccessStatusCode, $"{interaction} on {type} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Every_advertised_system_interaction_answers_without_500_or_501()
    {
        var statement = await GetStatementAsync();
        var empty = FhirHttp.Body("""{"resourceType":"Bundle","type":"batch"}""");
        var emptyTransaction = FhirHttp.Body("""{"resourceType":"Bundle","type":"transaction"}""");

        foreach (var interaction in statement.Rest[0].Interaction.Select(i => i.Code!.Value))
        {
            using var response = interaction switch
            {
                CapabilityStatement.SystemRestfulInteraction.HistorySystem => await _client.SendAsync(HttpMethod.Get, "_history"),
                CapabilityStatement.SystemRestfulInteraction.SearchSystem => await _client.SendAsync(HttpMethod.Get, "?_id=x"),
                CapabilityStatement.SystemRestfulInteraction.Batch => await _client.SendAsync(HttpMethod.Post, "", empty),
                CapabilityStatement.SystemRestfulInteraction.Transaction => await _client.SendAsync(HttpMethod.Post, "", emptyTransaction),
                _ => throw new InvalidOperationException($"The test does not know how to call '{interaction}': teach it."),
            };

            Assert.True(response.IsSuccessStatusCode, $"{interaction} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<CapabilityStatement> GetStatementAsync()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<CapabilityStatement>();
    }
}
