using System.Net;
using HealthHomes.Fhir.Server.Rest.Bundles;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>The outcome of one interaction: status, the resource or outcome to return, and what the headers are built from.</summary>
public sealed record FhirResponse(HttpStatusCode Status)
{
    /// <summary>A resource built for this response (Bundle, OperationOutcome, CapabilityStatement...).</summary>
    public Resource? Resource { get; init; }

    /// <summary>A stored version to return: its JSON is sent as stored when no reshaping is asked for. Also gives ETag and Last-Modified.</summary>
    public StoredResource? Stored { get; init; }

    /// <summary>A searchset or history Bundle of stored versions, written without re-serialising them when nothing asks to reshape it.</summary>
    public StoredBundle? StoredBundle { get; init; }

    /// <summary>Location header for creates (absolute URL with _history).</summary>
    public string? Location { get; init; }

    /// <summary>Issues to return under Prefer: return=OperationOutcome, or warnings that accompany a success.</summary>
    public OperationOutcome? Outcome { get; init; }

    /// <summary>A report as CSV, when the client asked for it and the operation offers it.</summary>
    public Formats.CsvTable? Csv { get; init; }

    public string? ETag => Stored is null ? null : ETags.For(Stored.VersionId);

    public static FhirResponse Of(HttpStatusCode status, Resource resource) => new(status) { Resource = resource };

    public static FhirResponse Of(StoredBundle bundle) => new(HttpStatusCode.OK) { StoredBundle = bundle };

    public static FhirResponse Of(HttpStatusCode status, StoredResource stored) => new(status) { Stored = stored };
}
