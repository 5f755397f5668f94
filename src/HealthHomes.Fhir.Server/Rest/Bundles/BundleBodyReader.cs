using System.Globalization;
using System.Text.RegularExpressions;
using HealthHomes.Fhir.Server.Rest.Formats;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// Reads the Bundle posted to the base URL, as strictly as any body. One exception, because a batch answers each entry
/// on its own: when every parse error of a batch lies inside entry resources, the other entries still run and each
/// broken entry carries an <see cref="EntryParseFailure"/> that is answered 400 in its response entry. A transaction,
/// or a batch broken elsewhere (entry.request, Bundle.type), fails as a whole with every issue.
/// </summary>
public sealed partial class BundleBodyReader(ResourceBodyReader bodies, HttpFhirRequests requests)
{
    public async Task<FhirRequest> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = requests.From(context);
        var format = FhirFormats.ForRequestBody(context.Request);
        using var body = await bodies.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        try
        {
            return request with { Body = ResourceBodyReader.Parse(body.Utf8, format) };
        }
        catch (FhirRequestException) when (BatchWithBrokenEntries(body.Utf8, format) is { } batch)
        {
            return request with { Body = batch };
        }
    }

    /// <summary>Runs in an exception filter: anything else it throws (malformed JSON or XML) counts as "no" and the strict error stands.</summary>
    private static Bundle? BatchWithBrokenEntries(ReadOnlyMemory<byte> utf8, FhirFormat format)
    {
        try
        {
            _ = ResourceBodyReader.ScanAndParse(utf8, format); // too deep or forbidden characters: the whole batch fails, unparsed
            return null;
        }
        catch (DeserializationFailedException e) when (e.PartialResult is Bundle { Type: Bundle.BundleType.Batch } batch)
        {
            var byEntry = e.Exceptions.Select(x => (Index: EntryIndex(x), Error: x)).ToList();
            if (byEntry.Any(x => x.Index is null || x.Index >= batch.Entry.Count))
            {
                return null;
            }

            foreach (var group in byEntry.GroupBy(x => x.Index!.Value))
            {
                batch.Entry[group.Key].AddAnnotation(new EntryParseFailure(group.Select(x => ResourceBodyReader.ToIssue(x.Error)).ToList()));
            }

            return batch;
        }
    }

    private static int? EntryIndex(CodedException error)
    {
        var path = (error as CodedValidationException)?.InstancePath;
        var match = path is null ? null : EntryPath().Match(path);
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^Bundle\.entry\[(\d{1,6})\]\.resource", RegexOptions.CultureInvariant)]
    private static partial Regex EntryPath();
}

/// <summary>The parser's issues for one entry of a batch, attached to the entry so it is answered 400 on its own.</summary>
public sealed record EntryParseFailure(IReadOnlyList<OperationOutcome.IssueComponent> Issues);
