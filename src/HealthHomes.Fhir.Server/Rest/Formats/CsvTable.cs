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

    /// <summary>The first field of the record that ends a report which failed after its first rows were sent.</summary>
    public const string ErrorMarker = "#error";

    /// <summary>
    /// Writes the table. The first row is produced before anything is sent: a failure there (a bad parameter found
    /// late, a store error) propagates with the response unstarted, and the error handler answers with its status and an
    /// OperationOutcome. Once the 200 and rows have gone out the status can no longer change: a failure then ends the body
    /// with one record "#error,[diagnostics]" (logged), and the response completes instead of breaking the connection.
    /// </summary>
    public async Task WriteAsync(HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var rows = Rows.GetAsyncEnumerator(ct);
        var any = await rows.MoveNextAsync().ConfigureAwait(false);
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
        var written = 0;
        try
        {
            while (any)
            {
                WriteRow(csv, rows.Current);
                await csv.EndRecordAsync(ct).ConfigureAwait(false);
                written++;
                any = await rows.MoveNextAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            response.HttpContext.RequestServices?.GetService<ILogger<CsvTable>>()?.LogError(e, "The CSV report {FileName} failed after {Rows} rows", FileName, written);
            csv.WriteField(ErrorMarker);
            csv.WriteField($"The report failed after {written} rows; the rows above are incomplete. The failure is logged.");
            await csv.EndRecordAsync(ct).ConfigureAwait(false);
        }

        await csv.FlushAsync(ct).ConfigureAwait(false);
    }

    private static void WriteRow(CsvWriter csv, IReadOnlyList<string?> row)
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
    }
}
