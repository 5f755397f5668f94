namespace HealthHomes.Fhir.Server;

/// <summary>Server settings bound from the "FhirServer" configuration section.</summary>
public sealed class FhirServerOptions
{
    public const string SectionName = "FhirServer";

    /// <summary>Largest request body accepted; larger ones get 413. Default 10 MB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Default page size for search and history.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>Largest page size a client may ask for with _count.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Public base URL (for Location headers and Bundle links) when the server sits behind a proxy; else taken from the request.</summary>
    public string? PublicBaseUrl { get; set; }
}
