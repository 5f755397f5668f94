using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Testing;

/// <summary>Small conveniences for sending and reading FHIR over HttpClient in tests.</summary>
public static class FhirHttp
{
    public const string Json = "application/fhir+json";

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static StringContent Body(string json, string mediaType = Json) => new(json, Encoding.UTF8, mediaType);

    public static StringContent Body(Resource resource) => Body(JsonSerializer.Serialize(resource, Options));

    /// <summary>PUTs each resource (JSON with its id) at [type]/[id]; a refusal stops the test's set-up with the status.</summary>
    public static void PutAll(HttpClient client, IEnumerable<string> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        foreach (var json in resources)
        {
            var resource = ReadJson(json);
            using var response = client.SendAsync(HttpMethod.Put, $"{resource.TypeName}/{resource.Id}", Body(json)).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"PUT {resource.TypeName}/{resource.Id} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
            }
        }
    }

    /// <summary>A resource from JSON text.</summary>
    public static Resource ReadJson(string json) => JsonSerializer.Deserialize<Resource>(json, Options)
        ?? throw new InvalidOperationException($"Not a resource: {json}");

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return JsonSerializer.Deserialize<Resource>(text, Options) as T
            ?? throw new InvalidOperationException($"Expected a {typeof(T).Name}, got: {text}");
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Json));
        return await client.SendAsync(request).ConfigureAwait(false);
    }

    public static async Task<T> CreateAsync<T>(this HttpClient client, T resource)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        using var response = await client.SendAsync(HttpMethod.Post, resource.TypeName, Body(resource)).ConfigureAwait(false);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"Create {resource.TypeName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }

        return await response.ReadAsync<T>().ConfigureAwait(false);
    }
}
