using HealthHomes.Fhir.Bench;
using HealthHomes.Fhir.Synthetic;

// The benchmark (not a test): loads the synthetic panel into the real server over HTTP and measures ingest, creates,
// reads and searches. Each run starts from an empty database. The Markdown on stdout goes into bench/README.md.
var options = BenchOptions.Parse(args);
var results = new List<RunResult>();
var profiles = new List<string>();
foreach (var members in options.MemberCounts)
{
    for (var run = 1; run <= options.Runs; run++)
    {
        Console.Error.WriteLine($"{members:N0} members, run {run} of {options.Runs}");
        await using var server = await InProcessServer.StartAsync(Path.Combine(options.DataRoot, $"members-{members}-run-{run}"), options.Synchronous, options.Security);
        using var fhir = new FhirConnection(server.BaseAddress, server.AccessToken);

        var panel = new SyntheticPanel(options.Seed, members);
        var loaded = await new PanelIngest(fhir, panel, options.IngestByTransaction, options.IngestParallelism).RunAsync(Console.Error.WriteLine);
        Console.Error.WriteLine($"  ingest: {loaded.Resources.Count:N0} resources in {loaded.IngestTime.TotalSeconds:F1} s = {loaded.ResourcesPerSecond:N0}/s");

        var workloads = new Workloads(fhir, loaded, options.Seed + run);
        var phases = new Dictionary<string, PhaseResult>();
        PanelTiming? panelCompliance = null;
        async Task MeasureAsync(string name, Func<Task<PhaseResult>> phase)
        {
            try
            {
                var result = phases[name] = await phase();
                Console.Error.WriteLine($"  {name}: {result.PerSecond:N0}/s, p50 {result.P50:F2} ms, p95 {result.P95:F2} ms, p99 {result.P99:F2} ms, matches/page {result.MatchesPerPage:F1}");
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"  {name}: not measured ({e.Message.Split('\n')[0]})");
            }
        }

        if (!options.IngestOnly && !options.WritesOnly)
        {
            await MeasureAsync(Phases.Read, () => workloads.ReadAsync(2000));
            foreach (var search in Phases.Searches)
            {
                await MeasureAsync(search, () => workloads.SearchAsync(search, 500));
            }

            await MeasureAsync(Phases.EngagementStatus, () => workloads.EngagementStatusAsync(500));
            var calls = new List<(TimeSpan Elapsed, long Rows)>();
            for (var call = 0; call < PanelTiming.Calls; call++)
            {
                calls.Add(await workloads.PanelComplianceAsync());
                Console.Error.WriteLine($"  $deadline-compliance, whole panel, call {call + 1}: {calls[^1].Elapsed.TotalSeconds:F1} s, {calls[^1].Rows:N0} rule instances");
            }

            panelCompliance = new PanelTiming(calls[0].Elapsed, calls.Select(c => c.Elapsed).Order().ElementAt(calls.Count / 2), calls[0].Rows);
        }

        if (!options.IngestOnly)
        {
            await MeasureAsync(Phases.CreateSerial, () => workloads.CreateAsync(1, 500));
            await MeasureAsync(Phases.CreateParallel, () => workloads.CreateAsync(16, 2000));
        }

        results.Add(new RunResult(members, loaded.Resources.Count, loaded.ResourcesPerSecond, server.DatabaseBytes(), RunResult.CurrentLoadAverage(), phases, panelCompliance));
        if (run == options.Runs && options.ProfileMembers > 0)
        {
            var profile = await WriteProfile.RunAsync(server.Services, options.Seed, options.ProfileMembers, loaded.ResourcesPerSecond);
            Console.Error.WriteLine(profile);
            profiles.Add($"#### {members:N0} members\n\n{profile}");
        }

        server.Keep = options.Keep && run == options.Runs;
    }
}

Console.WriteLine(ResultTable.Markdown(results));
profiles.ForEach(Console.WriteLine);
