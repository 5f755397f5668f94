using System.Net;
using System.Net.Http.Headers;
using HealthHomes.Fhir.Server.Tests.Operations;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// The program operations' date parameters at the calendar's edges (asOf, periodStart, periodEnd, dueFrom, dueTo,
/// atRiskDays): a 2xx with the operation's answer or a 400 whose OperationOutcome names the parameter, never a 500
/// or a stall; as CSV, a complete body. Evaluation dates (asOf, the report period) must lie in the supported range
/// 1900-01-01..2199-12-31; the due window filters take any instant. A stored enrollment ending 9999-12-31 is evaluated.
/// </summary>
public sealed class CalendarEdgeOperationTests(CalendarEdgeOperationTests.Server server) : IClassFixture<CalendarEdgeOperationTests.Server>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    /// <summary>The scenarios, plus edge-member: enrolled in ks-hh at Sedgwick from 2026-01-05 to 9999-12-31.</summary>
    public sealed class Server : ScenarioServer
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var client = CreateFhirClient();
            var patient = new Patient { Id = "edge-member", Name = [new HumanName { Family = "Edge" }], BirthDate = "0001-01-01" };
            var enrollment = new EpisodeOfCare
            {
                Id = "edge-enrollment",
                Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
                Type = [new CodeableConcept("https://fhir.healthhomes.example/CodeSystem/hh-program", "ks-hh")],
                Patient = new ResourceReference("Patient/edge-member"),
                ManagingOrganization = new ResourceReference("Organization/ks-hhp-sedgwick-cmhc"),
                Period = new Period { Start = "2026-01-05", End = "9999-12-31" },
            };
            foreach (Resource resource in new Resource[] { patient, enrollment })
            {
                using var response = await client.SendAsync(HttpMethod.Put, $"{resource.TypeName}/{resource.Id}", FhirHttp.Body(resource));
                Assert.True(response.IsSuccessStatusCode, $"{resource.TypeName}/{resource.Id}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>(operation URL, the parameter a 400 must name; null: a 2xx).</summary>
    public static TheoryData<string, string?> Cases => new()
    {
        { "Patient/ks-earleen/$deadline-compliance?asOf=9999-12-31", "asOf" },
        { "Patient/ks-earleen/$deadline-compliance?asOf=0001-01-01", "asOf" },
        { "Patient/ks-earleen/$deadline-compliance?asOf=9999-12-31T23:59:59-05:00", "asOf" },
        { "Patient/ks-earleen/$deadline-compliance?asOf=0001-01-01T00:00:00%2B14:00", "asOf" },
        { "Patient/ks-earleen/$deadline-compliance?asOf=2026-06-01&dueFrom=0001-01-01&dueTo=9999-12-31", null },
        { "Patient/ks-earleen/$deadline-compliance?asOf=2026-06-01&dueTo=9999-12-31T23:59:59-05:00", "dueTo" },
        { "Patient/ks-earleen/$deadline-compliance?asOf=2026-06-01&dueFrom=0001-01-01T00:00:00%2B14:00", "dueFrom" },
        { "Patient/ks-earleen/$deadline-compliance?atRiskDays=2147483648", "atRiskDays" },
        { "Patient/ks-earleen/$deadline-compliance?atRiskDays=-99999999999", "atRiskDays" },
        { "Patient/ks-earleen/$engagement-status?asOf=9999-12-31", "asOf" },
        { "Patient/ks-earleen/$engagement-status?asOf=0001-01-01", "asOf" },
        { "Patient/edge-member/$engagement-status?asOf=2026-06-01", null },
        { "Patient/edge-member/$deadline-compliance?asOf=2026-06-01", null },
        { "Patient/edge-member/$deadline-compliance?asOf=2199-12-31", null },
        { "EpisodeOfCare/edge-enrollment/$deadline-compliance?asOf=2026-06-01", null },
        { "Organization/ks-hhp-sedgwick-cmhc/$deadline-compliance?asOf=2026-06-01", null },
        { "Organization/ks-hhp-sedgwick-cmhc/$deadline-compliance?asOf=9999-12-31", "asOf" },
        { "$deadline-compliance?asOf=0001-01-01", "asOf" },
        { "$deadline-compliance?asOf=2026-06-01&dueTo=9999-12-31", null },
        { "$outreach-documentation-audit?periodStart=2026-01-01&periodEnd=9999-12-31", "periodEnd" },
        { "$outreach-documentation-audit?periodStart=0001-01-01&periodEnd=2026-06-30", "periodStart" },
        { "$outreach-documentation-audit?periodStart=2026-01-01&periodEnd=2026-06-30&asOf=9999-12-31", "asOf" },
        { "$outreach-documentation-audit?periodStart=2026-01-01&periodEnd=2199-12-31&asOf=2199-12-31", null },
        { "Patient/edge-member/$outreach-documentation-audit?periodStart=2026-01-01&periodEnd=2026-06-30&asOf=2026-07-01", null },
        { "$referral-metrics?periodStart=2026-01-01&periodEnd=9999-12-31", "periodEnd" },
        { "$referral-metrics?periodStart=0001-01-01&periodEnd=0001-01-01", "periodStart" },
        { "$referral-metrics?periodStart=2026-01-01&periodEnd=2026-06-30&asOf=0001-01-01", "asOf" },
        { "$referral-metrics?periodStart=1900-01-01&periodEnd=2199-12-31&asOf=2199-12-31", null },
        { "$ecm-interaction-report?periodStart=2026-01-01&periodEnd=9999-12-31", "periodEnd" },
        { "$ecm-interaction-report?periodStart=0001-01-01&periodEnd=2026-01-01", "periodStart" },
        { "$ecm-interaction-report?periodStart=1900-01-01&periodEnd=2199-12-31", null },
        { "Organization/kern-ecm-bakersfield-care-partners/$ecm-interaction-report?periodStart=2026-01-01&periodEnd=9999-12-31", "periodEnd" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Edge_dates_answer_or_are_400_naming_the_parameter(string url, string? parameter)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);

        await AssertAnsweredAsync(url, parameter, response);
        await new HardeningProbe(server, _client).AssertAliveAsync(url);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task As_CSV_the_same_answer_arrives_complete(string url, string? parameter)
    {
        if (url.Contains("$engagement-status", StringComparison.Ordinal))
        {
            return; // $engagement-status offers no CSV
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await _client.SendAsync(request);
        if (parameter is not null)
        {
            await AssertAnsweredAsync(url, parameter, response);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("#error", body, StringComparison.Ordinal);
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_due_window_from_0001_to_9999_keeps_every_result()
    {
        var all = await ScenarioServer.OperationAsync(_client, "Patient/ks-earleen/$deadline-compliance?asOf=2026-06-01");
        var window = await ScenarioServer.OperationAsync(_client, "Patient/ks-earleen/$deadline-compliance?asOf=2026-06-01&dueFrom=0001-01-01&dueTo=9999-12-31T23:59:59Z");

        var due = all.Parameter.Count(p => p.Name == "result" && p.Part.Any(x => x.Name == "due"));
        Assert.True(due > 0, "the scenario has results with a due instant");
        Assert.Equal(due, window.Parameter.Count(p => p.Name == "result"));
    }

    private static async Task AssertAnsweredAsync(string url, string? parameter, HttpResponseMessage response)
    {
        if (parameter is null)
        {
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.NotNull(await response.ReadAsync<Resource>());
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Contains(outcome.Issue, i => i.Expression.Contains(parameter) || (i.Diagnostics ?? "").Contains(parameter, StringComparison.Ordinal));
    }
}
