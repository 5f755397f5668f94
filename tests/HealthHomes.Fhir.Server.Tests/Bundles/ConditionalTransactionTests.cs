using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Bundles.BundleEntries;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Bundles;

/// <summary>
/// Conditional create, conditional update and conditional references inside a transaction: each search runs inside the
/// transaction's write session, after its DELETEs. Each test uses its own identifier system to stay isolated.
/// </summary>
public sealed class ConditionalTransactionTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();
    private readonly string _system = "urn:test:member:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Conditional_create_that_matches_reuses_the_existing_resource_for_references_to_its_fullUrl()
    {
        var existing = await _client.CreateAsync(new Patient { Identifier = [new Identifier(_system, "m-1")] });
        var patient = NewUrn();

        using var response = await _client.PostBundleAsync(Transaction(
            Post(new Patient { Identifier = [new Identifier(_system, "m-1")], Active = true }, patient, ifNoneExist: $"identifier={_system}|m-1"),
            Post(new EpisodeOfCare { Status = EpisodeOfCare.EpisodeOfCareStatus.Active, Patient = new ResourceReference(patient) })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(["200 OK", "201 Created"], result.Entry.Select(e => e.Response!.Status));
        Assert.Equal($"Patient/{existing.Id}", LocationOf(result.Entry[0]));
        var episode = await _client.ReadAsync<EpisodeOfCare>(LocationOf(result.Entry[1]));
        Assert.Equal($"Patient/{existing.Id}", episode.Patient!.Reference);
        Assert.Null((await _client.ReadAsync<Patient>($"Patient/{existing.Id}")).Active);
    }

    [Fact]
    public async Task Deletes_run_before_posts_so_a_conditional_create_no_longer_sees_the_deleted_match()
    {
        var existing = await _client.CreateAsync(new Patient { Identifier = [new Identifier(_system, "m-2")] });

        using var response = await _client.PostBundleAsync(Transaction(
            Post(new Patient { Identifier = [new Identifier(_system, "m-2")], Active = true }, NewUrn(), ifNoneExist: $"identifier={_system}|m-2"),
            Delete($"Patient/{existing.Id}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(["201 Created", "204 No Content"], result.Entry.Select(e => e.Response!.Status));
        Assert.NotEqual($"Patient/{existing.Id}", LocationOf(result.Entry[0]));
        using var deleted = await _client.SendAsync(HttpMethod.Get, $"Patient/{existing.Id}");
        Assert.Equal(HttpStatusCode.Gone, deleted.StatusCode);
    }

    [Fact]
    public async Task A_conditional_reference_is_resolved_to_its_single_match()
    {
        var existing = await _client.CreateAsync(new Patient { Identifier = [new Identifier(_system, "m-3")] });

        using var response = await _client.PostBundleAsync(Transaction(
            Post(new FhirTask { Status = FhirTask.TaskStatus.Requested, Intent = FhirTask.TaskIntent.Order, For = new ResourceReference($"Patient?identifier={_system}|m-3") })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await _client.ReadAsync<FhirTask>(LocationOf((await response.ReadAsync<Bundle>()).Entry[0]));
        Assert.Equal($"Patient/{existing.Id}", task.For!.Reference);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task A_conditional_reference_without_exactly_one_match_is_412_and_stores_nothing(int matches)
    {
        for (var i = 0; i < matches; i++)
        {
            await _client.CreateAsync(new Patient { Identifier = [new Identifier(_system, "twin")] });
        }

        var first = "ks-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await _client.PostBundleAsync(Transaction(
            Put(new Patient { Id = first, Active = true }, $"Patient/{first}"),
            Post(new FhirTask { Status = FhirTask.TaskStatus.Requested, Intent = FhirTask.TaskIntent.Order, For = new ResourceReference($"Patient?identifier={_system}|twin") })));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains("Bundle.entry[1]"));
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{first}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_conditional_update_without_a_match_creates_and_references_to_its_fullUrl_follow_it()
    {
        var patient = NewUrn();

        using var response = await _client.PostBundleAsync(Transaction(
            new Bundle.EntryComponent
            {
                FullUrl = patient,
                Resource = new Patient { Identifier = [new Identifier(_system, "m-4")] },
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"Patient?identifier={_system}|m-4" },
            },
            Post(new EpisodeOfCare { Status = EpisodeOfCare.EpisodeOfCareStatus.Active, Patient = new ResourceReference(patient) })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(["201 Created", "201 Created"], result.Entry.Select(e => e.Response!.Status));
        var episode = await _client.ReadAsync<EpisodeOfCare>(LocationOf(result.Entry[1]));
        Assert.Equal(LocationOf(result.Entry[0]), episode.Patient!.Reference);
    }

    [Fact]
    public async Task A_search_entry_answers_a_searchset_that_sees_the_transaction_own_writes()
    {
        using var response = await _client.PostBundleAsync(Transaction(
            Get($"Patient?identifier={Uri.EscapeDataString(_system + "|m-5")}"),
            Post(new Patient { Identifier = [new Identifier(_system, "m-5")] })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var searchset = Assert.IsType<Bundle>((await response.ReadAsync<Bundle>()).Entry[0].Resource);
        Assert.Equal(Bundle.BundleType.Searchset, searchset.Type);
        Assert.Single(searchset.Entry);
    }
}
