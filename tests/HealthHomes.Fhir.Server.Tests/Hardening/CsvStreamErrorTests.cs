using System.Text;
using HealthHomes.Fhir.Server.Rest.Formats;
using Microsoft.AspNetCore.Http;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// A CSV report never sends a 200 header and then breaks the connection: a failure producing the first row happens
/// before anything is sent (the error handler answers with a status and an OperationOutcome); a failure after rows
/// were sent ends the body with one "#error" record, and the body is complete.
/// </summary>
public sealed class CsvStreamErrorTests
{
    [Fact]
    public async Task A_failure_before_the_first_row_leaves_the_response_unstarted()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var table = new CsvTable("report.csv", ["a", "b"], Rows(failAfter: 0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => table.WriteAsync(context.Response, CancellationToken.None));

        Assert.Equal(0, context.Response.Body.Length);
        Assert.Null(context.Response.ContentType);
    }

    [Fact]
    public async Task A_failure_after_rows_were_sent_ends_the_body_with_an_error_record()
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext { Response = { Body = body } };
        var table = new CsvTable("report.csv", ["a", "b"], Rows(failAfter: 2));

        await table.WriteAsync(context.Response, CancellationToken.None);

        var lines = Encoding.UTF8.GetString(body.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["a,b", "1,x", "2,x"], lines[..3]);
        Assert.StartsWith("#error,", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(int failAfter)
    {
        for (var i = 1; ; i++)
        {
            await Task.Yield();
            if (i > failAfter)
            {
                throw new InvalidOperationException("the report failed");
            }

            yield return [i.ToString(System.Globalization.CultureInfo.InvariantCulture), "x"];
        }
    }
}
