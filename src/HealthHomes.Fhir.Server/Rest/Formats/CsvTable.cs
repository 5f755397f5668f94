using System.Globalization;
using CsvHelper;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// A report as CSV (RFC 4180, written by CsvHelper): a header row and the rows, streamed to the response as they are
/// produced (a panel report writes each batch of members as it is evaluated). Reports that offer CSV (Accept: text/csv
/// or _format=csv) return one of these instead of a resource.
/// </summary>
public sealed record CsvTable(string FileName, IReadOnlyList<string> Header, IAsyncEnumerable<IReadOnlyList<string?>> Rows)
{
    public const string MediaType = "text/csv";

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>Whether the client asked for CSV: _format=csv (or text/csv), or text/csv ranked first in Accept.</summary>
    public static bool IsWanted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["_format"].LastOrDefault();
        if (!string.IsNullOrEmpty(format))
        {
            return format.Split(';')[0].Trim() is "csv" or MediaType;
        }

        var accept = request.GetTypedHeaders().Accept;
        return accept is { Count: > 0 }
            && accept.OrderByDescending(a => a.Quality ?? 1).First().MediaType.Value == MediaType;
    }

    /// <summary>A table whose rows are already in memory.</summary>
    public static CsvTable Of(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        new(fileName, header, rows.ToAsyncEnumerable());

    public async Task WriteAsync(HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType + "; charset=utf-8; header=present";
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        // Fields a spreadsheet would run as formulas (=, +, -, @ first) are escaped: the reports hold member-entered text.
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        await csv.EndRecordAsync(ct).ConfigureAwait(false);
        await foreach (var row in Rows.WithCancellation(ct).ConfigureAwait(false))
        {
            foreach (var field in row)
            {
                // A number is data, not a formula: only text fields get the injection escape (-31 stays -31).
                if (long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    csv.WriteField(number, default);
                }
                else
                {
                    csv.WriteField(field ?? "");
                }
            }

            await csv.EndRecordAsync(ct).ConfigureAwait(false);
        }

        await csv.FlushAsync(ct).ConfigureAwait(false);
    }
}
