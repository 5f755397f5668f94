using System.Globalization;
using System.Text.Json;
using HealthHomes.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Bench;

/// <summary>
/// The measured interactions over a loaded panel: single creates (an outreach attempt for a random member), reads by
/// id of random resources, and the four searches with random members, names, codes and instants. Each call is timed
/// from send to the last byte of the response; checking the response happens outside the timing.
/// </summary>
internal sealed class Workloads(FhirConnection fhir, LoadedPanel panel, int seed)
{
    private const int Warmup = 50;
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private readonly Random _random = new(seed);

    public async Task<PhaseResult> CreateAsync(int concurrency, int count)
    {
        var bodies = Enumerable.Range(0, count + Warmup).Select(_ => OutreachAttempt(Pick(panel.Patients))).ToArray();
        for (var i = 0; i < Warmup; i++)
        {
            await fhir.CreateAsync("Task", bodies[count + i]).ConfigureAwait(false);
        }

        var (latencies, elapsed) = await Latencies.MeasureAsync(count, concurrency, i => fhir.CreateAsync("Task", bodies[i])).ConfigureAwait(false);
        return PhaseResult.From(latencies, elapsed);
    }

    public Task<PhaseResult> ReadAsync(int count) =>
        MeasureGetsAsync(Enumerable.Range(0, count + Warmup).Select(_ => Pick(panel.Resources)).ToArray(), count, expectMatches: false);

    public Task<PhaseResult> SearchAsync(string phase, int count)
    {
        var queries = Enumerable.Range(0, count + Warmup).Select(_ => Query(phase)).ToArray();
        return MeasureGetsAsync(queries, count, expectMatches: true);
    }

    /// <summary>The member's $engagement-status as of the panel's base date (every member is enrolled by then).</summary>
    public Task<PhaseResult> EngagementStatusAsync(int count)
    {
        var urls = Enumerable.Range(0, count + Warmup).Select(_ => $"Patient/{Pick(panel.Patients)}/$engagement-status?asOf={AsOf}").ToArray();
        return MeasureGetsAsync(urls, count, expectMatches: false);
    }

    /// <summary>$deadline-compliance for the whole panel as CSV, streamed: wall time of the one call and the rows it returned.</summary>
    public async Task<(TimeSpan Elapsed, long Rows)> PanelComplianceAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = await fhir.GetCsvRowsAsync($"$deadline-compliance?asOf={AsOf}").ConfigureAwait(false);
        return (clock.Elapsed, rows);
    }

    private static string AsOf => Uri.EscapeDataString(SyntheticPanel.BaseDate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private string Query(string phase) => phase switch
    {
        Phases.TaskByPatient => "Task?patient=" + Pick(panel.Patients),
        Phases.TaskWithPatient => "Task?patient=" + Pick(panel.Patients) + "&_include=Task:patient",
        Phases.PatientByName => "Patient?name=" + MemberNames.Family(_random.Next(MemberNames.FamilyCount)),
        Phases.TaskByCodeStatusUpdated => CodeStatusUpdatedQuery(),
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    /// <summary>
    /// Mostly completed outreach attempts, else checklist steps in some status, changed since an instant while the last
    /// 1,000 members were written: "what changed since my last sync", whose answer does not grow with the panel.
    /// </summary>
    private string CodeStatusUpdatedQuery()
    {
        var (system, code, status) = _random.Next(10) < 7
            ? (CodeSystems.TaskCode, CodeSystems.OutreachAttempt, "completed")
            : (CodeSystems.TaskCode, CodeSystems.ChecklistStepDone, _random.Next(3) switch { 0 => "completed", 1 => "in-progress", _ => "requested" });
        var since = panel.RecentStarted + ((panel.Finished - panel.RecentStarted) * _random.NextDouble());
        return $"Task?code={Uri.EscapeDataString(system + "|" + code)}&status={status}&_lastUpdated=ge{since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}";
    }

    private async Task<PhaseResult> MeasureGetsAsync(string[] urls, int count, bool expectMatches)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await fhir.GetAsync(urls[count + i]).ConfigureAwait(false);
        }

        var bodies = new byte[count][];
        var (latencies, elapsed) = await Latencies.MeasureAsync(count, 1, async i => bodies[i] = await fhir.GetAsync(urls[i]).ConfigureAwait(false)).ConfigureAwait(false);
        return PhaseResult.From(latencies, elapsed, expectMatches ? bodies.Take(latencies.Count).Average(Matches) : double.NaN);
    }

    private static int Matches(byte[] searchset)
    {
        using var document = JsonDocument.Parse(searchset);
        return !document.RootElement.TryGetProperty("entry", out var entries) ? 0
            : entries.EnumerateArray().Count(e => e.TryGetProperty("search", out var s) && s.GetProperty("mode").GetString() == "match");
    }

    private string Pick(IReadOnlyList<string> items) => items[_random.Next(items.Count)];

    private static byte[] OutreachAttempt(string patientId)
    {
        var when = SyntheticPanel.BaseDate.ToString("yyyy-MM-dd'T'10:15:00+00:00", CultureInfo.InvariantCulture);
        var task = new FhirTask
        {
            Status = FhirTask.TaskStatus.Completed,
            Intent = FhirTask.TaskIntent.Order,
            Meta = new Meta { Profile = [CodeSystems.Profile("hh-outreach-attempt")] },
            Code = new CodeableConcept(CodeSystems.TaskCode, CodeSystems.OutreachAttempt),
            For = new ResourceReference("Patient/" + patientId),
            AuthoredOn = when,
            ExecutionPeriod = new Period { Start = when },
            Input =
            [
                new FhirTask.ParameterComponent { Type = new CodeableConcept(CodeSystems.TaskParameter, "modality"), Value = new CodeableConcept(CodeSystems.OutreachModality, "phone") },
                new FhirTask.ParameterComponent { Type = new CodeableConcept(CodeSystems.TaskParameter, "contact-point-attempted"), Value = new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "(316) 555-0142") },
            ],
            Output = [new FhirTask.OutputComponent { Type = new CodeableConcept(CodeSystems.TaskParameter, "outreach-outcome"), Value = new CodeableConcept(CodeSystems.AttemptOutcome, "no-answer") }],
        };
        return JsonSerializer.SerializeToUtf8Bytes(task, Json);
    }
}
