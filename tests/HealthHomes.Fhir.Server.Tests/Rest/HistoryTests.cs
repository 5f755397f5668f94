using System.Globalization;
using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>history at instance, type and system level: entry shape, _since, _at, _count and a next link that later writes cannot shift.</summary>
public sealed class HistoryTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Instance_history_lists_every_version_newest_first_with_request_and_response()
    {
        var created = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Nguyen" }] });
        using (var put = await _client.SendAsync(HttpMethod.Put, $"Patient/{created.Id}", FhirHttp.Body(created)))
        using (var delete = await _client.SendAsync(HttpMethod.Delete, $"Patient/{created.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var bundle = await GetBundleAsync($"Patient/{created.Id}/_history");

        Assert.Equal(Bundle.BundleType.History, bundle.Type);
        Assert.Equal(3, bundle.Total);
        Assert.Equal([Bundle.HTTPVerb.DELETE, Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST], bundle.Entry.Select(e => e.Request!.Method!.Value));
        Assert.Equal([$"Patient/{created.Id}", $"Patient/{created.Id}", "Patient"], bundle.Entry.Select(e => e.Request!.Url));
        Assert.Equal(["W/\"3\"", "W/\"2\"", "W/\"1\""], bundle.Entry.Select(e => e.Response!.Etag));
        Assert.All(bundle.Entry, e => Assert.Equal($"http://localhost/fhir/Patient/{created.Id}", e.FullUrl));
        Assert.All(bundle.Entry, e => Assert.NotNull(e.Response!.LastModified));
        Assert.Null(bundle.Entry[0].Resource);
        Assert.Equal("2", bundle.Entry[1].Resource!.Meta!.VersionId);
        Assert.Equal($"http://localhost/fhir/Patient/{created.Id}/_history", bundle.Self());
    }

    [Fact]
    public async Task Type_history_pages_by_count_and_the_next_link_is_not_shifted_by_later_writes()
    {
        var devices = new List<Device>();
        for (var i = 0; i < 5; i++)
        {
            devices.Add(await _client.CreateAsync(new Device { DistinctIdentifier = $"d{i}" }));
        }

        var first = await GetBundleAsync("Device/_history?_count=2");
        Assert.Equal([devices[4].Id, devices[3].Id], first.Ids());
        Assert.Contains("_page_before=", first.Next(), StringComparison.Ordinal);

        await _client.CreateAsync(new Device { DistinctIdentifier = "late-1" });
        await _client.CreateAsync(new Device { DistinctIdentifier = "late-2" });

        var second = await GetBundleAsync(first.Next());
        var third = await GetBundleAsync(second.Next());

        Assert.Equal([devices[2].Id, devices[1].Id], second.Ids());
        Assert.Equal([devices[0].Id], third.Ids());
        Assert.Null(third.Link("next"));
        Assert.Contains("_count=2", second.Self(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task System_history_covers_every_type_and_pages()
    {
        var goal = await _client.CreateAsync(new Goal { LifecycleStatus = Goal.GoalLifecycleStatus.Active, Description = new CodeableConcept { Text = "Housing" }, Subject = new ResourceReference("Patient/x") });
        var flag = await _client.CreateAsync(new Flag { Status = Flag.FlagStatus.Active, Code = new CodeableConcept { Text = "Falls" }, Subject = new ResourceReference("Patient/x") });

        var page = await GetBundleAsync("_history?_count=2");

        Assert.Equal([$"Flag/{flag.Id}", $"Goal/{goal.Id}"], page.Resources().Select(r => $"{r.TypeName}/{r.Id}"));
        Assert.StartsWith("http://localhost/fhir/_history?_count=2&_page_before=", page.Next(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_keeps_versions_written_at_or_after_the_instant()
    {
        var older = await _client.CreateAsync(new Practitioner { Name = [new HumanName { Family = "Older" }] });
        var newer = await _client.CreateAsync(new Practitioner { Name = [new HumanName { Family = "Newer" }] });
        var since = Uri.EscapeDataString(newer.Meta!.LastUpdated!.Value.ToString("o", CultureInfo.InvariantCulture));

        var bundle = await GetBundleAsync($"Practitioner/_history?_since={since}");

        Assert.Equal([newer.Id], bundle.Ids());
        Assert.DoesNotContain(older.Id, bundle.Ids());
        Assert.Contains("_since=", bundle.Self(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_returns_the_version_current_at_that_instant()
    {
        var created = await _client.CreateAsync(new Organization { Name = "Before" });
        created.Name = "After";
        using var put = await _client.SendAsync(HttpMethod.Put, $"Organization/{created.Id}", FhirHttp.Body(created));
        var at = Uri.EscapeDataString(created.Meta!.LastUpdated!.Value.ToString("o", CultureInfo.InvariantCulture));

        var bundle = await GetBundleAsync($"Organization/{created.Id}/_history?_at={at}");

        Assert.Equal(["1"], bundle.Resources().Select(r => r.Meta!.VersionId));
    }

    [Fact]
    public async Task At_a_day_returns_every_version_current_during_that_day()
    {
        var created = await _client.CreateAsync(new Organization { Name = "Morning" });
        created.Name = "Evening";
        using var put = await _client.SendAsync(HttpMethod.Put, $"Organization/{created.Id}", FhirHttp.Body(created));
        var day = created.Meta!.LastUpdated!.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var bundle = await GetBundleAsync($"Organization/{created.Id}/_history?_at={day}");
        var before = await GetBundleAsync($"Organization/{created.Id}/_history?_at=2000-01-01");

        Assert.Equal(["2", "1"], bundle.Resources().Select(r => r.Meta!.VersionId));
        Assert.Empty(before.Entry);
    }

    [Theory]
    [InlineData("_since=2020")]
    [InlineData("_since=2020-06")]
    [InlineData("_since=2020-06-01")]
    [InlineData("_since=2020-06-01T10:00Z")]
    [InlineData("_since=2020-06-01T10:00:00+02:00")]
    [InlineData("_since=2020-06-01T10:00:00.123Z")]
    [InlineData("_at=2999")]
    public async Task Dates_at_any_precision_are_accepted(string query)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"_history?{query.Replace("+", "%2B", StringComparison.Ordinal)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("_since", "yesterday")]
    [InlineData("_since", "2020-13")]
    [InlineData("_at", "2020-02-30")]
    [InlineData("_at", "2020-06-01T25:00Z")]
    [InlineData("_count", "-1")]
    public async Task Malformed_parameters_are_400_naming_the_parameter(string name, string value)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"Patient/_history?{name}={value}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Equal(name, outcome.Issue[0].Expression!.Single());
    }

    [Theory]
    [InlineData("NotAType/_history")]
    [InlineData("NotAType/1/_history")]
    public async Task Unknown_type_is_4xx(string url)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEmpty((await response.ReadAsync<OperationOutcome>()).Issue);
    }

    [Fact]
    public async Task Summary_count_gives_the_total_only()
    {
        var created = await _client.CreateAsync(new Location { Name = "Clinic" });

        var bundle = await GetBundleAsync($"Location/{created.Id}/_history?_summary=count");

        Assert.Equal(1, bundle.Total);
        Assert.Empty(bundle.Entry);
    }

    private async Task<Bundle> GetBundleAsync(string url)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<Bundle>();
    }
}
