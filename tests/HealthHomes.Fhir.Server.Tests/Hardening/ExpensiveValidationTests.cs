using System.Net;
using HealthHomes.Fhir.Conformance.Validation;
using HealthHomes.Fhir.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// An uploaded profile whose invariant backtracks catastrophically (matches('^(a+)+$') on 'aaaa...!') must neither
/// stall the server nor let the resource through unchecked: the regular expression hits its match timeout, the
/// invariant is an error naming its key (422, nothing stored), and validation runs before the write lock, so other
/// writes go on meanwhile.
/// </summary>
public sealed class ExpensiveValidationTests(ExpensiveValidationTests.Server factory) : IClassFixture<ExpensiveValidationTests.Server>
{
    /// <summary>
    /// A validation budget of 30 s instead of 10 s: the expensive write below then lasts about 30 s (30 names, each
    /// stopped by the 1 s match timeout), so the small write has a wide margin to finish first on a busy 2-core machine
    /// where the test classes run in parallel (with 10 s it sometimes did not, and the test failed for time alone).
    /// </summary>
    public sealed class Server : FhirServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(new ValidationOptions { MaxValidationTime = TimeSpan.FromSeconds(30) }));
        }
    }

    private const string Base = "https://county.example";
    private const string Key = "hh-backtrack-1";
    private static readonly string Backtracking = new string('a', 40) + "!";
    private readonly HttpClient _client = factory.CreateFhirClient();

    public static TheoryData<string, string> Invariants => new()
    {
        { "matches", "family.matches('^(a+)+$')" },
        { "alternation", "family.matches('^(a|aa)+$')" },
        { "replaceMatches", "family.replaceMatches('^(a+)+$', 'b') = 'b'" },
    };

    [Theory]
    [MemberData(nameof(Invariants))]
    public async Task A_backtracking_invariant_refuses_the_resource_with_an_error_naming_the_key(string name, string expression)
    {
        var profile = await UploadProfileAsync(name, expression);
        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();

        using var timeout = new CancellationTokenSource(HardeningProbe.StuckAfter);
        using var response = await _client.PostAsync(new Uri("Patient", UriKind.Relative), FhirHttp.Body(Member(profile, names: 1)), timeout.Token);

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error && (i.Diagnostics ?? "").Contains(Key, StringComparison.Ordinal));
        await probe.AssertUnchangedAndAliveAsync(before, $"{name}: a Patient whose invariant backtracks");
    }

    [Fact]
    public async Task A_small_write_completes_while_an_expensive_validation_runs()
    {
        // Thirty names, each timing out its regular expression: seconds of validation (bounded by the validation budget).
        var profile = await UploadProfileAsync("concurrent", "family.matches('^(a+)+$')");
        var probe = new HardeningProbe(factory, _client);
        var expensive = _client.PostAsync(new Uri("Patient", UriKind.Relative), FhirHttp.Body(Member(profile, names: 30)));
        await Task.Delay(TimeSpan.FromSeconds(3)); // let it reach validation (which lasts about the 30 s validation budget)

        await probe.AssertAliveAsync("a small write during an expensive validation");

        Assert.False(expensive.IsCompleted, "the small write waited for the expensive one: validation held the write lock");
        using var refused = await expensive;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    private async Task<string> UploadProfileAsync(string name, string expression)
    {
        var id = $"backtrack-{name}-{Guid.NewGuid():N}";
        var url = $"{Base}/StructureDefinition/{id}";
        var json = $$$"""
            {"resourceType":"StructureDefinition","id":"{{{id}}}","url":"{{{url}}}","name":"Backtracking","status":"active",
             "kind":"resource","abstract":false,"type":"Patient","derivation":"constraint",
             "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient",
             "differential":{"element":[{"id":"Patient.name","path":"Patient.name",
               "constraint":[{"key":"{{{Key}}}","severity":"error","human":"The family name is all a's","expression":"{{{expression}}}"}]}]}}
            """;
        using var response = await _client.PutAsync(new Uri($"StructureDefinition/{id}", UriKind.Relative), FhirHttp.Body(json));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return url;
    }

    private static Patient Member(string profile, int names) => new()
    {
        Meta = new Meta { Profile = [profile] },
        Name = [.. Enumerable.Range(0, names).Select(i => new HumanName { Family = Backtracking, Given = [$"Given{i}"] })],
    };
}
