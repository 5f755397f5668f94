using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>The report operations are listed in the CapabilityStatement (per resource type and at system level) with their OperationDefinitions, which are readable.</summary>
public sealed class ReportOperationDefinitionTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const string Audit = "https://fhir.healthhomes.example/OperationDefinition/hh-outreach-documentation-audit";
    private const string Metrics = "https://fhir.healthhomes.example/OperationDefinition/hh-referral-metrics";
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task CapabilityStatement_lists_the_report_operations_on_Patient_Organization_and_the_system()
    {
        using var response = await _client.GetAsync("metadata");
        var rest = (await response.ReadAsync<CapabilityStatement>()).Rest[0];
        var organization = rest.Resource.Single(r => r.Type == "Organization").Operation;

        Assert.Contains(organization, o => o.Name == "outreach-documentation-audit" && o.Definition == Audit);
        Assert.Contains(organization, o => o.Name == "referral-metrics" && o.Definition == Metrics);
        Assert.Contains(rest.Resource.Single(r => r.Type == "Patient").Operation, o => o.Name == "outreach-documentation-audit");
        Assert.DoesNotContain(rest.Resource.Single(r => r.Type == "Patient").Operation, o => o.Name == "referral-metrics");
        Assert.Contains(rest.Operation, o => o.Name == "outreach-documentation-audit" && o.Definition == Audit);
        Assert.Contains(rest.Operation, o => o.Name == "referral-metrics" && o.Definition == Metrics);
    }

    [Theory]
    [InlineData("hh-outreach-documentation-audit", "outreach-documentation-audit", "organization")]
    [InlineData("hh-referral-metrics", "referral-metrics", "owner")]
    public async Task OperationDefinition_is_readable_with_required_period_parameters(string id, string code, string systemFilter)
    {
        using var response = await _client.GetAsync($"OperationDefinition/{id}");
        var definition = await response.ReadAsync<OperationDefinition>();

        Assert.Equal(code, definition.Code);
        Assert.True(definition.System);
        Assert.True(definition.Instance);
        Assert.Contains(definition.Parameter, p => p.Name == "periodStart" && p.Use == OperationParameterUse.In && p.Min == 1);
        Assert.Contains(definition.Parameter, p => p.Name == "periodEnd" && p.Use == OperationParameterUse.In && p.Min == 1);
        Assert.Contains(definition.Parameter, p => p.Name == systemFilter && p.Use == OperationParameterUse.In);
    }
}
