using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Conformance;

/// <summary>The package's SearchParameters are indexed at write time: outreach attempts and enrollments found by their extensions and inputs.</summary>
public sealed class PackageSearchParameterTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const string Modality = "https://fhir.healthhomes.example/CodeSystem/hh-outreach-modality";

    private readonly HttpClient _client = factory.CreateFhirClient();

    [Theory]
    [InlineData("Task?modality=phone", new[] { "kern-attempt-2001-2", "ks-attempt-1001-2" })]
    [InlineData("Task?modality=" + Modality + "|in-person-home", new[] { "ks-attempt-1001-3" })]
    [InlineData("Task?modality=email", new string[0])]
    [InlineData("Task?outcome=reached-member", new[] { "kern-attempt-2001-2" })]
    [InlineData("Task?outcome=no-answer,address-not-found", new[] { "ks-attempt-1001-2", "ks-attempt-1001-3" })]
    [InlineData("Task?checklist=checklist-3", new[] { "ks-attempt-1001-2", "ks-step-1001-mailing" })]
    [InlineData("Task?checklist-step=send-mailing", new[] { "ks-step-1001-mailing" })]
    [InlineData("Task?modality:missing=true&code=https://fhir.healthhomes.example/CodeSystem/hh-task-code|checklist-step", new[] { "ks-step-1001-mailing" })]
    [InlineData("EpisodeOfCare?program=ecm", new[] { "kern-enrollment-2001", "kern-enrollment-2002" })]
    [InlineData("EpisodeOfCare?program=ks-hh", new[] { "ks-enrollment-1001" })]
    [InlineData("EpisodeOfCare?population-of-focus=smh-sud-adult", new[] { "kern-enrollment-2001" })]
    public async Task Search_by_a_package_parameter_finds_the_examples(string query, string[] ids)
    {
        await SeedAsync();
        using var response = await _client.SendAsync(HttpMethod.Get, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await response.ReadAsync<Bundle>();
        Assert.Equal(ids, bundle.Entry.Select(e => e.Resource!.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>PUTs the Task and EpisodeOfCare examples under their own ids (idempotent across the theory rows).</summary>
    private async Task SeedAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "examples");
        var files = Directory.EnumerateFiles(folder, "OutreachAttempt-*.json")
            .Concat(Directory.EnumerateFiles(folder, "ChecklistStepRecord-*.json"))
            .Concat(Directory.EnumerateFiles(folder, "ProgramEnrollment-*.json"));
        foreach (var file in files)
        {
            var json = await File.ReadAllTextAsync(file);
            var head = System.Text.Json.JsonDocument.Parse(json).RootElement;
            var url = $"{head.GetProperty("resourceType").GetString()}/{head.GetProperty("id").GetString()}";
            using var response = await _client.SendAsync(HttpMethod.Put, url, FhirHttp.Body(json));
            Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
