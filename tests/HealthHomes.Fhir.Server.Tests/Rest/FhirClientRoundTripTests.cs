using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>Firely's FhirClient as a real client: what an EHR vendor's integration would do.</summary>
public sealed class FhirClientRoundTripTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private readonly FhirClient _fhir = new("http://localhost/fhir", factory.CreateFhirClient(), new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = true });

    [Fact]
    public async Task Create_read_update_and_history()
    {
        var created = await _fhir.CreateAsync(new Patient { Name = [new HumanName { Family = "Client" }] });
        created!.Name[0].Given = ["Round", "Trip"];
        var updated = await _fhir.UpdateAsync(created);
        var read = await _fhir.ReadAsync<Patient>($"Patient/{created.Id}");
        var history = await _fhir.HistoryAsync($"Patient/{created.Id}");

        Assert.Equal("2", updated!.Meta?.VersionId);
        Assert.Equal(["Round", "Trip"], read!.Name[0].Given);
        Assert.Equal(2, history!.Entry.Count);
    }

    [Fact]
    public async Task Search_pages_through_every_match_with_next_links()
    {
        var family = "Pager" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await _fhir.CreateAsync(new Patient { Name = [new HumanName { Family = family }] }))!.Id!);
        }

        var seen = new List<string>();
        var page = await _fhir.SearchAsync<Patient>([$"family={family}"], pageSize: 3);
        while (page is not null)
        {
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            page = await _fhir.ContinueAsync(page);
        }

        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task Transaction_and_conditional_create()
    {
        var medicaidId = "KS" + Guid.NewGuid().ToString("N")[..10];
        var transaction = new TransactionBuilder(_fhir.Endpoint)
            .Create(new Patient { Identifier = [new Identifier("https://kancare.example/medicaid-id", medicaidId)] })
            .Create(new Organization { Name = "Prairie HHP" })
            .ToBundle();

        var response = await _fhir.TransactionAsync(transaction);
        var again = await _fhir.ConditionalCreateAsync(new Patient(), new SearchParams().Where($"identifier=https://kancare.example/medicaid-id|{medicaidId}"));
        var matches = await _fhir.SearchAsync<Patient>([$"identifier=https://kancare.example/medicaid-id|{medicaidId}"]);

        Assert.Equal(2, response!.Entry.Count);
        Assert.All(response.Entry, e => Assert.StartsWith("201", e.Response!.Status, StringComparison.Ordinal));
        Assert.Single(matches!.Entry);
        Assert.Equal(matches.Entry[0].Resource!.Id, again?.Id);
    }
}
