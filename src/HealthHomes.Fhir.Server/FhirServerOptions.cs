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

    /// <summary>
    /// Public base URL (for Location headers, Bundle fullUrls and links, the CapabilityStatement) when the server sits
    /// behind a proxy; when set it is always used and its host is allowed. Unset: taken from the request, whose Host
    /// must be one of AllowedHosts.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Longest request line (method, target, version) accepted; longer is 414 with an OperationOutcome. Default 8 KB.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>Largest total of request header lines accepted; larger is 431 with an OperationOutcome. Default 32 KB.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Most request header lines accepted; more is 431 with an OperationOutcome.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// Kestrel's own limits are this many times ours: it answers them itself with an empty body, so they are only the
    /// backstop for requests far over our limits.
    /// </summary>
    public const int KestrelLimitFactor = 2;
}
