using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>A server with the six scenario Bundles of examples/scenarios loaded through POST [base] (each one transaction), as the README's command loads them.</summary>
public class ScenarioServer : FhirServerFactory, IAsyncLifetime
{
    public static readonly string[] Scenarios =
    [
        "ks-earleen-health-home", "ecm-street-outreach", "ks-wrong-number-to-unable-to-reach", "ks-contacted-callback", "ks-opt-out", "ecm-referral-unable-to-reach",
    ];

    public virtual async Task InitializeAsync()
    {
        using var client = CreateFhirClient();
        foreach (var scenario in Scenarios)
        {
            var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "examples", "scenarios", scenario + ".json"));
            using var response = await client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(json));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{scenario}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>GET an operation and read its Parameters (any non-200 fails with the body).</summary>
    public static async Task<Parameters> OperationAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.SendAsync(HttpMethod.Get, url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<Parameters>();
    }
}

/// <summary>Reading the operations' Parameters in tests.</summary>
public static class OperationResults
{
    public static string? Code(this Parameters parameters, string name) => (parameters.Parameter.FirstOrDefault(p => p.Name == name)?.Value as Code)?.Value;

    public static bool? Boolean(this Parameters parameters, string name) => (parameters.Parameter.FirstOrDefault(p => p.Name == name)?.Value as FhirBoolean)?.Value;

    public static IEnumerable<string> References(this Parameters parameters, string name) =>
        parameters.Parameter.Where(p => p.Name == name).Select(p => (p.Value as ResourceReference)?.Reference).OfType<string>();

    public static Parameters.ParameterComponent? Part(this Parameters.ParameterComponent parameter, string name) => parameter.Part.FirstOrDefault(p => p.Name == name);

    public static string? PartCode(this Parameters.ParameterComponent parameter, string name) => (parameter.Part(name)?.Value as PrimitiveType)?.ToString();

    public static IEnumerable<string> PartReferences(this Parameters.ParameterComponent parameter, string name) =>
        parameter.Part.Where(p => p.Name == name).Select(p => (p.Value as ResourceReference)?.Reference).OfType<string>();

    /// <summary>The `result` parameters of $deadline-compliance naming <paramref name="rule"/>.</summary>
    public static List<Parameters.ParameterComponent> Results(this Parameters parameters, string rule) =>
        [.. parameters.Parameter.Where(p => p.Name == "result" && p.Part.Any(x => x.Name == "rule" && (x.Value as Code)?.Value == rule))];

    public static Parameters.ParameterComponent Step(this Parameters parameters, string code) =>
        parameters.Parameter.Single(p => p.Name == "step" && p.PartCode("code") == code);
}
