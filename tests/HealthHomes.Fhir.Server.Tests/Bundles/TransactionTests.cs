using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Bundles.BundleEntries;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Bundles;

/// <summary>transaction Bundles (https://hl7.org/fhir/R4/http.html#transaction): all or nothing, urn:uuid references, entry order.</summary>
public sealed class TransactionTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly HttpClient _client = factory.CreateFhirClient();

    [Fact]
    public async Task Enrollment_linked_by_urn_uuid_is_stored_with_the_references_rewritten_to_the_new_ids()
    {
        string patient = NewUrn(), episode = NewUrn(), plan = NewUrn();
        var bundle = Transaction(
            Post(new FhirTask { Status = FhirTask.TaskStatus.Requested, Intent = FhirTask.TaskIntent.Order, For = new ResourceReference(patient), Focus = new ResourceReference(plan) }),
            Post(new CarePlan { Status = RequestStatus.Active, Intent = CarePlan.CarePlanIntent.Plan, Subject = new ResourceReference(patient), SupportingInfo = [new ResourceReference(episode)] }, plan),
            Post(new EpisodeOfCare { Status = EpisodeOfCare.EpisodeOfCareStatus.Active, Patient = new ResourceReference(patient) }, episode),
            Post(new Patient { Name = [new HumanName { Family = "Okafor" }] }, patient));

        using var response = await _client.PostBundleAsync(bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        Assert.All(result.Entry, e => Assert.Equal("201 Created", e.Response!.Status));
        Assert.All(result.Entry, e => Assert.Equal("W/\"1\"", e.Response!.Etag));
        Assert.All(result.Entry, e => Assert.NotNull(e.Response!.LastModified));
        var (taskId, planId, episodeId, patientId) = (LocationOf(result.Entry[0]), LocationOf(result.Entry[1]), LocationOf(result.Entry[2]), LocationOf(result.Entry[3]));
        Assert.StartsWith("Task/", taskId, StringComparison.Ordinal);
        Assert.StartsWith("Patient/", patientId, StringComparison.Ordinal);

        var task = await _client.ReadAsync<FhirTask>(taskId);
        var carePlan = await _client.ReadAsync<CarePlan>(planId);
        var episodeOfCare = await _client.ReadAsync<EpisodeOfCare>(episodeId);
        Assert.Equal(patientId, task.For!.Reference);
        Assert.Equal(planId, task.Focus!.Reference);
        Assert.Equal(patientId, carePlan.Subject.Reference);
        Assert.Equal(episodeId, carePlan.SupportingInfo[0].Reference);
        Assert.Equal(patientId, episodeOfCare.Patient.Reference);
        Assert.Equal("Okafor", (await _client.ReadAsync<Patient>(patientId)).Name[0].Family);
    }

    [Fact]
    public async Task References_in_nested_elements_and_contained_resources_are_rewritten()
    {
        var patient = NewUrn();
        var goal = new Goal { LifecycleStatus = Goal.GoalLifecycleStatus.Active, Description = new CodeableConcept { Text = "Housing" }, Subject = new ResourceReference(patient), Id = "g" };
        var plan = new CarePlan
        {
            Status = RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Subject = new ResourceReference(patient),
            Contained = [goal],
            Goal = [new ResourceReference("#g")],
            Activity = [new CarePlan.ActivityComponent { Detail = new CarePlan.DetailComponent { Status = CarePlan.CarePlanActivityStatus.Scheduled, Performer = [new ResourceReference(patient)] } }],
        };

        using var response = await _client.PostBundleAsync(Transaction(Post(plan), Post(new Patient { Active = true }, patient)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        var patientId = LocationOf(result.Entry[1]);
        var stored = await _client.ReadAsync<CarePlan>(LocationOf(result.Entry[0]));
        Assert.Equal(patientId, stored.Activity[0].Detail!.Performer[0].Reference);
        Assert.Equal(patientId, ((Goal)stored.Contained[0]).Subject!.Reference);
        Assert.Equal("#g", stored.Goal[0].Reference);
    }

    [Fact]
    public async Task A_failing_third_entry_stores_nothing_and_the_outcome_names_the_entry()
    {
        var first = "ks-" + Guid.NewGuid().ToString("N")[..12];
        var second = "ks-" + Guid.NewGuid().ToString("N")[..12];
        var bundle = Transaction(
            Put(new Patient { Id = first }, $"Patient/{first}"),
            Put(new Organization { Id = second, Name = "HHP" }, $"Organization/{second}"),
            Put(new Patient { Id = "someone-else" }, $"Patient/{Guid.NewGuid():N}"),
            Post(new Patient { Active = true }));

        using var response = await _client.PostBundleAsync(bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Contains(outcome.Issue, i => i.Expression.Any(e => e!.StartsWith("Bundle.entry[2]", StringComparison.Ordinal)));
        Assert.Contains("Bundle.entry[2]", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        await AssertNotStoredAsync($"Patient/{first}");
        await AssertNotStoredAsync($"Organization/{second}");
    }

    [Fact]
    public async Task An_unknown_element_in_the_third_entry_is_400_located_in_that_entry_and_stores_nothing()
    {
        var first = "ks-" + Guid.NewGuid().ToString("N")[..12];
        var json = $$$"""
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"resource":{"resourceType":"Patient","id":"{{{first}}}"},"request":{"method":"PUT","url":"Patient/{{{first}}}"}},
              {"resource":{"resourceType":"Patient"},"request":{"method":"POST","url":"Patient"}},
              {"resource":{"resourceType":"Patient","favouriteColour":"blue"},"request":{"method":"POST","url":"Patient"}}
            ]}
            """;

        using var response = await _client.SendAsync(HttpMethod.Post, "", FhirHttp.Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.Contains(outcome.Issue, i => i.Expression.Any(e => e!.Contains("entry[2]", StringComparison.Ordinal) && e.Contains("favouriteColour", StringComparison.Ordinal)));
        await AssertNotStoredAsync($"Patient/{first}");
    }

    [Fact]
    public async Task A_version_conflict_in_an_entry_is_412_and_rolls_back_the_earlier_entries()
    {
        var existing = await _client.CreateAsync(new Patient { Active = true });
        var first = "ks-" + Guid.NewGuid().ToString("N")[..12];
        existing.Active = false;

        using var response = await _client.PostBundleAsync(Transaction(
            Put(new Patient { Id = first }, $"Patient/{first}"),
            Put(existing, $"Patient/{existing.Id}", ifMatch: "W/\"7\"")));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains(await response.ReadAsync<OperationOutcome>() is var o ? o.Issue : [], i => i.Expression.Contains("Bundle.entry[1]"));
        await AssertNotStoredAsync($"Patient/{first}");
        Assert.True((await _client.ReadAsync<Patient>($"Patient/{existing.Id}")).Active);
    }

    [Fact]
    public async Task A_reference_to_an_urn_uuid_no_entry_defines_fails_the_transaction()
    {
        var first = "ks-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await _client.PostBundleAsync(Transaction(
            Put(new Patient { Id = first }, $"Patient/{first}"),
            Post(new EpisodeOfCare { Status = EpisodeOfCare.EpisodeOfCareStatus.Active, Patient = new ResourceReference(NewUrn()) })));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains("Bundle.entry[1].resource"));
        await AssertNotStoredAsync($"Patient/{first}");
    }

    [Fact]
    public async Task Entries_run_deletes_first_and_reads_last_but_answer_in_bundle_order()
    {
        var toDelete = await _client.CreateAsync(new Patient { Active = true });
        var putId = "ks-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await _client.PostBundleAsync(Transaction(
            Get($"Patient/{putId}"),
            Put(new Patient { Id = putId, Name = [new HumanName { Family = "Nguyen" }] }, $"Patient/{putId}"),
            Get($"Patient/{toDelete.Id}/_history/1"),
            Delete($"Patient/{toDelete.Id}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<Bundle>();
        Assert.Equal(["200 OK", "201 Created", "200 OK", "204 No Content"], result.Entry.Select(e => e.Response!.Status));
        Assert.Equal("Nguyen", ((Patient)result.Entry[0].Resource!).Name[0].Family);
        using var read = await _client.SendAsync(HttpMethod.Get, $"Patient/{toDelete.Id}");
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
    }

    [Fact]
    public async Task A_patch_entry_applies_its_json_patch_binary()
    {
        var patient = await _client.CreateAsync(new Patient { Active = true });

        using var response = await _client.PostBundleAsync(Transaction(Patch($"Patient/{patient.Id}", """[{"op":"replace","path":"/active","value":false}]""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("200 OK", (await response.ReadAsync<Bundle>()).Entry[0].Response!.Status);
        Assert.False((await _client.ReadAsync<Patient>($"Patient/{patient.Id}")).Active);
    }

    [Fact]
    public async Task Prefer_return_minimal_leaves_out_the_resources_and_OperationOutcome_puts_an_outcome_per_entry()
    {
        using var minimal = await _client.PostBundleAsync(Transaction(Post(new Patient { Active = true })), ("Prefer", "return=minimal"));
        using var outcome = await _client.PostBundleAsync(Transaction(Post(new Patient { Active = true })), ("Prefer", "return=OperationOutcome"));

        var minimalEntry = (await minimal.ReadAsync<Bundle>()).Entry[0];
        var outcomeEntry = (await outcome.ReadAsync<Bundle>()).Entry[0];
        Assert.Null(minimalEntry.Resource);
        Assert.NotNull(minimalEntry.Response!.Location);
        Assert.Null(outcomeEntry.Resource);
        Assert.IsType<OperationOutcome>(outcomeEntry.Response!.Outcome);
    }

    [Fact]
    public async Task Two_entries_writing_the_same_resource_fail_the_transaction()
    {
        var id = "ks-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await _client.PostBundleAsync(Transaction(Put(new Patient { Id = id }, $"Patient/{id}"), Delete($"Patient/{id}")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNotStoredAsync($"Patient/{id}");
    }

    private async Task AssertNotStoredAsync(string reference)
    {
        using var read = await _client.SendAsync(HttpMethod.Get, reference);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var history = await _client.SendAsync(HttpMethod.Get, reference + "/_history/1");
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
    }
}
