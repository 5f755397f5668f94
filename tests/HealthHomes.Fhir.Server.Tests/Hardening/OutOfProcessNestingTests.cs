using System.Net;
using HealthHomes.Fhir.Testing;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// The built server as a separate process, sent bodies nested thousands deep in both formats: before the nesting
/// limit, the first of them overflowed the stack and the process died. It must answer each with a 4xx and still be
/// running, answering and writing afterwards.
/// </summary>
public sealed class OutOfProcessNestingTests
{
    private const string Xml = "application/fhir+xml";

    [Fact]
    public async Task The_server_process_survives_bodies_nested_thousands_deep()
    {
        using var server = await ServerProcess.StartAsync(TimeSpan.FromSeconds(90));
        using var client = server.CreateClient();
        (string Url, string ContentType, string Body)[] deep =
        [
            ("Patient", Xml, NestedBodies.XmlPatient(5000)),
            ("Patient/$validate", Xml, NestedBodies.XmlPatient(5000)),
            ("", Xml, NestedBodies.Transaction(xml: true, 5000)),
            ("Bundle", Xml, NestedBodies.XmlBundleInBundle(1500)),
            ("Patient", FhirHttp.Json, NestedBodies.JsonPatient(10001)),
            ("", FhirHttp.Json, NestedBodies.Transaction(xml: false, 10001)),
        ];

        foreach (var (url, contentType, body) in deep)
        {
            using var response = await client.PostAsync(new Uri(url, UriKind.Relative), FhirHttp.Body(body, contentType));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"POST {url} ({contentType}) answered {(int)response.StatusCode}");
            Assert.False(server.HasExited, $"the server process died on POST {url} ({contentType})");
        }

        using var metadata = await client.GetAsync(new Uri("metadata", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        using var write = await client.PostAsync(new Uri("Patient", UriKind.Relative), FhirHttp.Body("""{"resourceType":"Patient","active":true}"""));
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.False(server.HasExited);
    }
}
