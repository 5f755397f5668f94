using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>HEAD wherever GET is: the same status and headers as the GET, and no body.</summary>
public sealed class HeadRequestTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private static readonly string[] SameHeaders = ["ETag", "Last-Modified", "Location", "Content-Type"];

    private readonly HttpClient _client = factory.CreateFhirClient();

    /// <summary>"{id}" stands for a Patient created (and updated once) for the row.</summary>
    public static TheoryData<string, HttpStatusCode> GetUrls => new()
    {
        { "Patient/{id}", HttpStatusCode.OK },
        { "Patient/{id}/_history/1", HttpStatusCode.OK },
        { "Patient/{id}/_history/9", HttpStatusCode.NotFound },
        { "Patient?_id={id}", HttpStatusCode.OK },
        { "Patient?_count=1", HttpStatusCode.OK },
        { "Patient/{id}/_history", HttpStatusCode.OK },
        { "Patient/_history?_count=2", HttpStatusCode.OK },
        { "_history?_count=2", HttpStatusCode.OK },
        { "metadata", HttpStatusCode.OK },
        { "Patient/{id}/$validate", HttpStatusCode.OK },
        { "Patient/{id}/$engagement-status", HttpStatusCode.UnprocessableEntity },
        { "Patient/never-created", HttpStatusCode.NotFound },
        { "Wombat/1", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(GetUrls))]
    public async Task Head_answers_as_the_get_without_a_body(string url, HttpStatusCode status)
    {
        var patient = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Head" }] });
        patient.Name[0].Family = "Heads";
        using (var update = await _client.SendAsync(HttpMethod.Put, $"Patient/{patient.Id}", FhirHttp.Body(patient)))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();
        var target = url.Replace("{id}", patient.Id, StringComparison.Ordinal);

        using var get = await _client.SendAsync(HttpMethod.Get, target);
        using var head = await _client.SendAsync(HttpMethod.Head, target);

        Assert.Equal(status, get.StatusCode);
        Assert.Equal(status, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        foreach (var name in SameHeaders)
        {
            Assert.Equal(Header(get, name), Header(head, name));
        }

        await probe.AssertUnchangedAndAliveAsync(before, $"HEAD {url}");
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
