using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// A searchset or history Bundle whose entry resources are still the stored JSON strings. The JSON writer copies
/// them into the response as they are; <see cref="ToBundle"/> parses them only when something must reshape them
/// (_summary, _elements, _pretty, XML, or a batch response that embeds the Bundle).
/// </summary>
public sealed record StoredBundle(Bundle.BundleType Type, IReadOnlyList<StoredBundleEntry> Entries)
{
    public int? Total { get; init; }

    /// <summary>Links in order (self first), as (relation, absolute URL).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Links { get; init; } = [];

    /// <summary>The same Bundle without entries (for _summary=count).</summary>
    public StoredBundle WithoutEntries() => this with { Entries = [] };

    public Bundle ToBundle()
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdated = DateTimeOffset.UtcNow },
            Type = Type,
            Total = Total,
            Link = Links.Select(l => new Bundle.LinkComponent { Relation = l.Key, Url = l.Value }).ToList(),
        };
        foreach (var e in Entries)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = e.FullUrl,
                Resource = e.Resource ?? (e.Stored?.Json is { } json ? FhirSerialization.ParseJson(json) : null),
                Search = e.Mode is { } mode ? new Bundle.SearchComponent { Mode = mode } : null,
                Request = e.Request is { } r ? new Bundle.RequestComponent { Method = r.Method, Url = r.Url } : null,
                Response = e.Response is { } s ? new Bundle.ResponseComponent { Status = s.Status, Etag = s.ETag, LastModified = s.LastModified } : null,
            });
        }

        return bundle;
    }
}

/// <summary>
/// One entry: a stored version (JSON, or a deletion with none) or a resource built for the response (an
/// OperationOutcome with search.mode outcome), with the search, request and response parts the Bundle type asks for.
/// </summary>
public sealed record StoredBundleEntry(string FullUrl, StoredResource? Stored)
{
    public Resource? Resource { get; init; }

    public Bundle.SearchEntryMode? Mode { get; init; }

    public StoredBundleRequest? Request { get; init; }

    public StoredBundleResponse? Response { get; init; }
}

/// <summary>Bundle.entry.request of a history entry: how the version came to be.</summary>
public sealed record StoredBundleRequest(Bundle.HTTPVerb Method, string Url);

/// <summary>Bundle.entry.response of a history entry.</summary>
public sealed record StoredBundleResponse(string Status, string? ETag, DateTimeOffset? LastModified);
