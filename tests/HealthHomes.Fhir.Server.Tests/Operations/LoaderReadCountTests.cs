using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Storage;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>
/// How many store reads the member-record and panel loaders make: a constant number per member
/// record, whatever the member holds, and a constant number per batch of a panel, whatever the panel's size; so a read
/// repeated per member, or a quadratic one, fails here instead of in a 100k-member benchmark. A store read is one
/// call of the store (a search page, a read, a batch of versions), each one SQL statement or a few.
/// </summary>
public sealed class LoaderReadCountTests(SyntheticPanelServer server) : IClassFixture<SyntheticPanelServer>
{
    /// <summary>A record's reads: the Patient, one search per record type (8), the enrollments' Organizations, the referral Tasks' histories.</summary>
    private const int ReadsPerRecord = 12;

    /// <summary>A panel batch's reads: its Patients, one search per record type (8), Organizations, referral histories (pages included).</summary>
    private const int ReadsPerBatch = 14;

    [Fact]
    public async Task A_member_record_takes_the_same_few_reads_whatever_the_member_holds()
    {
        var store = server.Services.GetRequiredService<IResourceStore>();
        var members = await store.SearchAsync(new SearchRequest("Patient", [new("_count", "40")]), AccessFilter.Everything);
        var counts = new List<int>();
        foreach (var member in members.Matches)
        {
            var counting = new CountingReader(store);
            _ = await new MemberRecordLoader(counting).LoadAsync(member.Id, AccessFilter.Everything, CancellationToken.None);
            counts.Add(counting.Reads);
        }

        Assert.NotEmpty(counts);
        Assert.All(counts, reads => Assert.InRange(reads, 9, ReadsPerRecord));
    }

    [Fact]
    public async Task A_panel_takes_a_constant_number_of_reads_per_batch()
    {
        var counting = new CountingReader(server.Services.GetRequiredService<IResourceStore>());
        var panel = new PanelLoader(counting, new MemberRecordLoader(counting));
        var members = 0;
        var batches = 0;
        await foreach (var batch in panel.MembersAsync(new PanelScope(null, null), AccessFilter.Everything, CancellationToken.None))
        {
            members += batch.Count;
            batches++;
        }

        Assert.True(members >= SyntheticPanelServer.Members, $"{members} members loaded");
        var enrollmentPages = counting.EnrollmentPages;
        Assert.True(counting.Reads <= enrollmentPages + (batches * ReadsPerBatch),
            $"{counting.Reads} reads for {members} members in {batches} batches ({enrollmentPages} enrollment pages): more than {ReadsPerBatch} per batch");
        Assert.True(counting.Reads < members / 2, $"{counting.Reads} reads for {members} members: the loader reads per member");
    }

    /// <summary>The store, counting its reads.</summary>
    private sealed class CountingReader(IResourceReader inner) : IResourceReader
    {
        private int _reads;
        private int _enrollmentPages;

        public int Reads => _reads;

        /// <summary>EpisodeOfCare searches not naming members: the pages a panel walks to find its members.</summary>
        public int EnrollmentPages => _enrollmentPages;

        public Task<StoredResource?> ReadAsync(string resourceType, string id, AccessFilter access, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAsync(resourceType, id, access, ct);
        }

        public Task<StoredResource?> VReadAsync(string resourceType, string id, int versionId, AccessFilter access, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _reads);
            return inner.VReadAsync(resourceType, id, versionId, access, ct);
        }

        public Task<SearchResult> SearchAsync(SearchRequest request, AccessFilter access, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _reads);
            if (request.ResourceType == "EpisodeOfCare" && !request.Parameters.Any(p => p.Key == "patient"))
            {
                Interlocked.Increment(ref _enrollmentPages);
            }

            return inner.SearchAsync(request, access, ct);
        }

        public Task<HistoryPage> HistoryAsync(HistoryRequest request, AccessFilter access, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _reads);
            return inner.HistoryAsync(request, access, ct);
        }

        public Task<IReadOnlyList<StoredResource>> VersionsAsync(string resourceType, IReadOnlyCollection<string> ids, AccessFilter access, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _reads);
            return inner.VersionsAsync(resourceType, ids, access, ct);
        }
    }
}
