using System.Net.Http.Headers;
using System.Text;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Generated bad bodies (<see cref="BodyFuzzer"/>) through the real HTTP pipeline: none may give a 5xx (the client
/// fails on one), every 4xx carries an OperationOutcome, a rejected request leaves the store as it was, and the server
/// still answers and writes at the end. The seed is fixed and printed with each failure so it can be replayed.
/// </summary>
public sealed class FuzzTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const int Seed = 20261206;
    private const int Cases = 300;
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Malformed_and_extreme_bodies_are_never_a_5xx_and_a_rejected_one_changes_nothing()
    {
        var probe = new HardeningProbe(factory, _client);
        foreach (var fuzz in new BodyFuzzer(Seed).Cases(Cases))
        {
            var why = $"seed {Seed} case {fuzz.Number} ({fuzz.Method} /{fuzz.Url}, {fuzz.Mutation})";
            var before = await probe.FingerprintAsync();
            using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Url)
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(fuzz.Body)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(fuzz.ContentType) { CharSet = "utf-8" };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirHttp.Json));

            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request);
            }
            catch (InvalidOperationException e)
            {
                throw new Xunit.Sdk.XunitException($"{why}: {e.Message}");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status >= 400)
                {
                    Assert.True(status < 500, $"{why}: answered {status}");
                    var outcome = await ReadOutcomeAsync(response, why);
                    Assert.True(outcome.Issue.Count > 0 && outcome.Issue.All(i => i.Severity is not null && i.Code is not null && !string.IsNullOrEmpty(i.Diagnostics)),
                        $"{why}: the OperationOutcome lacks severity, code or diagnostics");
                    Assert.True(before == await probe.FingerprintAsync(), $"{why}: rejected with {status} but the store changed");
                }
            }
        }

        await probe.AssertAliveAsync($"after {Cases} fuzz cases of seed {Seed}");
    }

    private static async Task<OperationOutcome> ReadOutcomeAsync(HttpResponseMessage response, string why)
    {
        try
        {
            return await response.ReadAsync<OperationOutcome>();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or DeserializationFailedException)
        {
            throw new Xunit.Sdk.XunitException($"{why}: a {(int)response.StatusCode} without an OperationOutcome: {e.Message}");
        }
    }
}
