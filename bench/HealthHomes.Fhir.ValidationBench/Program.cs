using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

// Validation throughput per profile, on the calling thread only: each example of examples/ (a parsed POCO) is
// validated against base R4 and its meta.profile, over and over, for `seconds` per run; the median of `runs` runs
// is reported. Usage: ValidationBench [runs=5] [seconds=2]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;

var source = new ProfileSource(R4BaseDefinitions.Instance);
await source.ReplaceAllAsync(ConformancePackage.LoadEmbedded().Resources.Where(r => r is StructureDefinition or ValueSet or CodeSystem));
var validator = new ProfileValidator(source, new ValidationOptions());
var options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

var examples = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json")
    .Select(f => JsonSerializer.Deserialize<Resource>(File.ReadAllText(f), options)!)
    .GroupBy(r => r.Meta!.Profile.First()!)
    .OrderBy(g => g.Key, StringComparer.Ordinal)
    .Select(g => g.ToArray())
    .ToList();
foreach (var group in examples)
{
    Measure(group, TimeSpan.FromSeconds(0.5)); // warm-up of every profile first: plans compiled, JIT tiered up
}

Console.WriteLine($"runs={runs} seconds/run={seconds} cores={Environment.ProcessorCount} {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"{"profile",-28} {"examples",8} {"median/s",10} {"min/s",10} {"max/s",10} {"errors",6}");
foreach (var resources in examples)
{
    var errors = resources.Sum(r => validator.ValidateAsync(r, [], CancellationToken.None).Result.Issues.Count(i => i.Severity == OperationOutcome.IssueSeverity.Error));
    var rates = Enumerable.Range(0, runs).Select(_ => Measure(resources, TimeSpan.FromSeconds(seconds))).Order().ToArray();
    var profile = resources[0].Meta!.Profile.First()!;
    var name = profile[(profile.LastIndexOf('/') + 1)..];
    Console.WriteLine($"{name,-28} {resources.Length,8} {rates[rates.Length / 2],10:F0} {rates[0],10:F0} {rates[^1],10:F0} {errors,6}");
}

double Measure(Resource[] resources, TimeSpan duration)
{
    var watch = Stopwatch.StartNew();
    long count = 0;
    while (watch.Elapsed < duration)
    {
        for (var i = 0; i < 100; i++)
        {
            _ = validator.ValidateAsync(resources[count % resources.Length], [], CancellationToken.None).Result;
            count++;
        }
    }

    return count / watch.Elapsed.TotalSeconds;
}
