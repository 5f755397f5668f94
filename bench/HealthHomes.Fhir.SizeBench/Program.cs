using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthHomes.Fhir.Server.Hosting;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.SizeBench;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Cost of one create against the number of repeated elements in the resource: each phase timed on its own
// (median of `runs`), then the whole create over HTTP. Usage: [runs] [shape...] (sizes 500, 1000, 2000, 4000).
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var shapes = args.Length > 1 ? args[1..] : LargeResources.Shapes;
int[] sizes = [500, 1000, 2000, 4000];
string[] phases = ["parse", "validate", "extract", "rehearsal JSON", "serialize", "SQL", "commit", "HTTP create"];

var data = Path.Combine(Path.GetTempPath(), "hh-sizebench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(data);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
builder.Configuration["Storage:DataDirectory"] = data;

// This bench measures the cost of a resource's size, phase by phase: bearer tokens are not part of it.
builder.Configuration["Security:Enabled"] = "false";
builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddFhirServer(builder.Configuration);
var app = builder.Build();
app.UseFhirServer();
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/fhir/"), Timeout = TimeSpan.FromMinutes(10) };
var store = app.Services.GetRequiredService<IResourceStore>();
var validation = app.Services.GetRequiredService<WriteValidation>();
var indexer = app.Services.GetRequiredService<ResourceIndexer>();

var table = new StringBuilder("| shape | N | " + string.Join(" | ", phases.Select(p => p + " ms")) + " |\n|---|---:|" + string.Concat(phases.Select(_ => "---:|")) + "\n");
foreach (var shape in shapes)
{
    await MeasureAsync(shape, 100, 1); // warm-up
    foreach (var n in sizes)
    {
        var ms = await MeasureAsync(shape, n, runs);
        var row = $"| {shape} | {n:N0} | " + string.Join(" | ", ms.Select(m => m.ToString("F1", CultureInfo.InvariantCulture))) + " |";
        Console.Error.WriteLine(row);
        table.AppendLine(row);
    }
}

Console.WriteLine(table);
await app.StopAsync();
await app.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(data, recursive: true);

async Task<double[]> MeasureAsync(string shape, int n, int count)
{
    var samples = phases.Select(_ => new List<double>()).ToArray();
    var json = JsonSerializer.Serialize(LargeResources.Build(shape, n), FhirSerialization.Json);
    for (var r = 0; r < count; r++)
    {
        var t0 = Stopwatch.GetTimestamp();
        var resource = FhirSerialization.ParseJson(json);
        var t1 = Stopwatch.GetTimestamp();
        var issues = await validation.OnWriteIssuesAsync(resource, CancellationToken.None);
        var t2 = Stopwatch.GetTimestamp();
        var index = indexer.Extract(resource);
        var t3 = Stopwatch.GetTimestamp();
        _ = FhirSerialization.ToJson(resource, pretty: false);
        var t4 = Stopwatch.GetTimestamp();
        _ = JsonSerializer.Serialize(resource, FhirSerialization.Json);
        var t5 = Stopwatch.GetTimestamp();
        resource.Id = Guid.NewGuid().ToString();
        await using (var session = await store.BeginWriteAsync())
        {
            var w0 = Stopwatch.GetTimestamp();
            await session.WriteAsync(resource, null, index);
            var w1 = Stopwatch.GetTimestamp();
            await session.CommitAsync();
            var w2 = Stopwatch.GetTimestamp();
            samples[5].Add(Ms(w1 - w0) - Ms(t5 - t4));
            samples[6].Add(Ms(w2 - w1));
        }

        using var content = new StringContent(json, Encoding.UTF8, "application/fhir+json");
        var h0 = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync(resource.TypeName, content);
        _ = await response.Content.ReadAsByteArrayAsync();
        var h1 = Stopwatch.GetTimestamp();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{shape} {n}: HTTP {(int)response.StatusCode} ({issues.Count} issues in-process)");
        }

        samples[0].Add(Ms(t1 - t0));
        samples[1].Add(Ms(t2 - t1));
        samples[2].Add(Ms(t3 - t2));
        samples[3].Add(Ms(t4 - t3));
        samples[4].Add(Ms(t5 - t4));
        samples[7].Add(Ms(h1 - h0));
    }

    return [.. samples.Select(s => s.Order().ElementAt(s.Count / 2))];
}

static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
