using HealthHomes.Fhir.Storage.Sqlite;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>
/// Members' data written through the real store (its writer keeps the MemberLink rows): org1 serves a1, org2 serves
/// b1. Observations (laboratory unless said): oa (a1, two versions), ob (b1, vital-signs), otwo (a1 and b1),
/// od (a1, deleted), omove (a1 then b1), oshared (a Group), odgone (b1, deleted).
/// </summary>
public sealed class MemberStoreFixture : IAsyncLifetime
{
    private TemporaryStore _temporary = null!;

    public SqliteResourceStore Store => _temporary.Store;

    public async Task InitializeAsync()
    {
        _temporary = await TemporaryStore.CreateAsync("member-store");
        await WriteAsync(
            new Organization { Id = "org1" },
            new Organization { Id = "org2" },
            new Practitioner { Id = "pr1" },
            new Patient { Id = "a1", ManagingOrganization = new ResourceReference("Organization/org1") },
            new Patient { Id = "b1" },
            Episode("eoc-a1", "a1", "org1"),
            Episode("eoc-b1", "b1", "org2"),
            Observation("oa", "Patient/a1"),
            Observation("ob", "Patient/b1", "vital-signs"),
            Observation("otwo", "Patient/a1", performer: "Patient/b1"),
            Observation("od", "Patient/a1"),
            Observation("omove", "Patient/a1"),
            Observation("oshared", "Group/g1"),
            Observation("odgone", "Patient/b1"));
        await WriteAsync(Observation("oa", "Patient/a1", status: ObservationStatus.Amended), Observation("omove", "Patient/b1"));
        await using var session = await Store.BeginWriteAsync();
        await session.DeleteAsync("Observation", "od", null);
        await session.DeleteAsync("Observation", "odgone", null);
        await session.CommitAsync();
    }

    public Task DisposeAsync()
    {
        _temporary.Dispose();
        return Task.CompletedTask;
    }

    private async Task WriteAsync(params Resource[] resources)
    {
        await using var session = await Store.BeginWriteAsync();
        foreach (var resource in resources)
        {
            await session.WriteAsync(resource, null);
        }

        await session.CommitAsync();
    }

    private static EpisodeOfCare Episode(string id, string patient, string organization) => new()
    {
        Id = id,
        Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
        Patient = new ResourceReference("Patient/" + patient),
        ManagingOrganization = new ResourceReference("Organization/" + organization),
    };

    private static Observation Observation(string id, string subject, string category = "laboratory", string? performer = null, ObservationStatus status = ObservationStatus.Final) => new()
    {
        Id = id,
        Status = status,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", category)],
        Code = new CodeableConcept("http://loinc.org", "1234-5"),
        Subject = new ResourceReference(subject),
        Performer = performer is null ? [] : [new ResourceReference(performer)],
    };
}
