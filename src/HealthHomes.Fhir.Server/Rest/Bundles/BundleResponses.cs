using System.Globalization;
using HealthHomes.Fhir.Server.Rest.Formats;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// Builds the batch-response / transaction-response Bundle: one entry per request entry, in the original order, each
/// with response.status ("201 Created"), location, etag, lastModified, and the resource or outcome as Prefer asks.
/// </summary>
public static class BundleResponses
{
    public static Bundle Build(Bundle.BundleType type, IEnumerable<Bundle.EntryComponent> entries)
    {
        var bundle = new Bundle { Type = type, Id = FhirIds.NewId(), Meta = new Meta { LastUpdated = DateTimeOffset.UtcNow } };
        bundle.Entry.AddRange(entries);
        return bundle;
    }

    public static Bundle.EntryComponent Success(BundleEntryRequest entry, FhirResponse response)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(response);
        var result = new Bundle.EntryComponent
        {
            Response = new Bundle.ResponseComponent
            {
                Status = Status((int)response.Status),
                Location = response.Location,
                Etag = response.ETag,
                LastModified = response.Stored?.LastUpdated,
                Outcome = response.Outcome,
            },
        };

        if (response.Stored is { IsDeleted: false } stored)
        {
            result.FullUrl = $"{entry.Request.BaseUrl}/{stored.ResourceType}/{stored.Id}";
        }

        if (entry.Request.Method == "HEAD")
        {
            return result;
        }

        // Prefer: return=OperationOutcome puts the outcome where a batch keeps outcomes: in entry.response.
        if (response.Resource is OperationOutcome outcome && entry.Request.PreferReturn == PreferReturn.OperationOutcome)
        {
            result.Response.Outcome = outcome;
        }
        else if (response.Resource is { } resource)
        {
            result.Resource = resource;
        }
        else if (response.StoredBundle is { } searchset)
        {
            result.Resource = searchset.ToBundle();
        }
        else if (response.Stored?.Json is { } json && response.Status != System.Net.HttpStatusCode.NotModified)
        {
            result.Resource = FhirSerialization.ParseJson(json);
        }

        return result;
    }

    public static Bundle.EntryComponent Failure(FhirRequestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Bundle.EntryComponent
        {
            Response = new Bundle.ResponseComponent
            {
                Status = Status((int)error.Status),
                Outcome = new OperationOutcome { Issue = error.Issues.ToList() },
            },
        };
    }

    /// <summary>"201 Created": the code first, then the reason phrase.</summary>
    public static string Status(int code)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(code);
        var number = code.ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(phrase) ? number : $"{number} {phrase}";
    }
}
