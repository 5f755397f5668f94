namespace HealthHomes.Fhir.Server;

/// <summary>Server settings bound from the "FhirServer" configuration section.</summary>
public sealed class FhirServerOptions
{
    public const string SectionName = "FhirServer";

    /// <summary>Largest request body accepted; larger ones get 413. Default 10 MB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Bodies over this many bytes (or of unknown length) are large: at most <see cref="MaxConcurrentLargeBodies"/> are
    /// read at once, <see cref="LargeBodyQueueLimit"/> more wait their turn, the rest get 429 with Retry-After. Default 1 MB.
    /// </summary>
    public long LargeBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many large bodies are read and processed at once. Default 2.</summary>
    public int MaxConcurrentLargeBodies { get; set; } = 2;

    /// <summary>How many large bodies may wait for a turn (oldest first) before the next one gets 429. Default 8.</summary>
    public int LargeBodyQueueLimit { get; set; } = 8;

    /// <summary>The Retry-After (seconds) of a 429 for a large body. Default 2.</summary>
    public int LargeBodyRetryAfterSeconds { get; set; } = 2;

    /// <summary>
    /// Once no large body has been in flight for this many seconds, one compacting collection gives the heap they grew
    /// back to the operating system (see Hosting.LargeBodyAftermath). 0 turns it off. Default 2.
    /// </summary>
    public double CollectAfterLargeBodiesSeconds { get; set; } = 2;

    /// <summary>The most parameters (occurrences) a request's query string and search form may carry together; more is 400. Default 200.</summary>
    public int MaxQueryParameters { get; set; } = 200;

    /// <summary>The longest parameter value (characters, after decoding) in a query string or search form; longer is 400. Default 65,536.</summary>
    public int MaxQueryValueLength { get; set; } = 64 * 1024;

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
