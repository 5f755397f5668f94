using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Date search values at the calendar's edges (years 0001 and 9999, offsets that push an instant past them) over
/// stored values at the same edges: the spec's answer (search.html#prefix, ranges compared as the table says) or a
/// 400 naming the parameter, never a 500.
/// </summary>
public sealed class CalendarEdgeSearchTests(CalendarEdgeSearchTests.Server server) : IClassFixture<CalendarEdgeSearchTests.Server>
{
    private readonly HttpClient _client = server.CreateFhirClient();

    /// <summary>
    /// Seeded: Patient first-day (born 0001-01-01), Patient last-day (born 9999-12-31), EpisodeOfCare open-ended
    /// (period 2026-01-05 .. 9999-12-31). The liveness probe adds Patients without a birth date.
    /// </summary>
    public sealed class Server : FhirServerFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            using var client = CreateFhirClient();
            await PutAsync(client, new Patient { Id = "first-day", BirthDate = "0001-01-01" });
            await PutAsync(client, new Patient { Id = "last-day", BirthDate = "9999-12-31" });
            await PutAsync(client, new EpisodeOfCare
            {
                Id = "open-ended",
                Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
                Patient = new ResourceReference("Patient/first-day"),
                Period = new Period { Start = "2026-01-05", End = "9999-12-31" },
            });
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private static async Task PutAsync(HttpClient client, Resource resource)
        {
            using var response = await client.SendAsync(HttpMethod.Put, $"{resource.TypeName}/{resource.Id}", FhirHttp.Body(resource));
            Assert.True(response.IsSuccessStatusCode, $"{resource.TypeName}/{resource.Id}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>(query, the ids found; null: a 400 whose OperationOutcome names the parameter).</summary>
    public static TheoryData<string, string?> Cases => new()
    {
        { "Patient?birthdate=lt0001-01-01", "" },
        { "Patient?birthdate=le0001-01-01", "first-day" },
        { "Patient?birthdate=0001-01-01", "first-day" },
        { "Patient?birthdate=0001", "first-day" },
        { "Patient?birthdate=eb0001-01-02", "first-day" },
        { "Patient?birthdate=gt9999-12-31", "" },
        { "Patient?birthdate=ge9999-12-31", "last-day" },
        { "Patient?birthdate=9999", "last-day" },
        { "Patient?birthdate=9999-12-31", "last-day" },
        { "Patient?birthdate=sa9999-12-30", "last-day" },
        { "Patient?birthdate=ap9999-12-31", "last-day" },
        { "Patient?birthdate=ne9999-12-31&birthdate=ne0001-01-01", "" },
        { "Patient?birthdate=0000", null },
        { "Patient?birthdate=10000-01-01", null },
        { "Patient?birthdate=9999-12-31T23:00:00-05:00", null },
        { "Patient?birthdate=0001-01-01T00:00:00%2B14:00", null },
        { "Patient?_lastUpdated=ge9999-12-31T23:59:59Z", "" },
        { "Patient?_lastUpdated=lt0001-01-01", "" },
        { "Patient?_lastUpdated=0000", null },
        { "EpisodeOfCare?date=gt9999-12-30", "open-ended" },
        { "EpisodeOfCare?date=9999-12-31", "" },
        { "EpisodeOfCare?date=ge9999", "" }, // nothing lies above year 9999, and the year does not contain the period
        { "EpisodeOfCare?date=le2026-01-06", "open-ended" },
        { "EpisodeOfCare?date=ap9999-12-31", "open-ended" },
        { "EpisodeOfCare?date=lt0001-01-01", "" },
        { "EpisodeOfCare?date=0000", null },
        { "EpisodeOfCare?date=9999", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Edge_dates_search_correctly_or_are_400_naming_the_parameter(string query, string? found)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, query + "&_count=1000");

        if (found is null)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var parameter = query.Split('?')[1].Split('=')[0];
            Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains(parameter));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ids = (await response.ReadAsync<Bundle>()).Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource?.Id);
            Assert.Equal(found, string.Join(",", ids.Where(id => id is "first-day" or "last-day" or "open-ended").Order(StringComparer.Ordinal)));
        }

        await new HardeningProbe(server, _client).AssertAliveAsync(query);
    }

    /// <summary>(history URL, the parameter a 400 must name; null: 200). The last year, day or second of 9999 is a period that ends with the calendar.</summary>
    public static TheoryData<string, string?> History => new()
    {
        { "_history?_since=9999", null },
        { "Patient/_history?_since=9999-12-31T23:59:59Z", null },
        { "Patient/_history?_at=9999-12-31", null },
        { "Patient/last-day/_history?_at=9999", null },
        { "_history?_since=0001-01-01", null },
        { "_history?_since=0000", "_since" },
        { "Patient/_history?_at=9999-12-31T23:00:00-05:00", "_at" }, // 10000-01-01 UTC
        { "Patient/_history?_at=0001-01-01T00:00:00%2B14:00", "_at" },
    };

    [Theory]
    [MemberData(nameof(History))]
    public async Task Edge_dates_in_history_answer_or_are_400_naming_the_parameter(string url, string? parameter)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);

        if (parameter is null)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(Bundle.BundleType.History, (await response.ReadAsync<Bundle>()).Type);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains(parameter));
        }
    }
}
