using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// Keeps the expensive, pure part of a write (profile validation with its FHIRPath invariants, index extraction) out
/// of the store's single write lock. A write request first runs once as a rehearsal, before the lock: the same
/// interaction over a copy of the request, against committed data (<see cref="RehearsalStore"/>), storing nothing;
/// every resource it would write is validated and indexed, and the result kept under the resource's JSON. Then the
/// request runs for real inside the write session: a resource whose JSON is the one rehearsed reuses that result,
/// so the lock covers SQL and the checks that need the stored version (If-Match, If-None-Exist, referral
/// transitions). Ids the rehearsal minted (<see cref="FhirIds.NewId"/>) and the time it read are replayed, so the
/// real run writes exactly what was rehearsed; anything else (a concurrent write changed a conditional match) is
/// validated inside the session, bounded by its expiry. Ambient (AsyncLocal) for the duration of each run only.
/// </summary>
public sealed class WriteRehearsal
{
    private static readonly AsyncLocal<WriteRehearsal?> Ambient = new();
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, PreparedWrite> _prepared = new(StringComparer.Ordinal);
    private int _replayed;
    private DateTimeOffset? _now;

    private WriteRehearsal()
    {
    }

    /// <summary>The rehearsal of the request being run (rehearsed or for real), if any.</summary>
    public static WriteRehearsal? Current => Ambient.Value;

    /// <summary>True during the rehearsal, false during the real run.</summary>
    public bool IsRehearsing { get; private set; } = true;

    /// <summary>
    /// Rehearses a write. Its errors are not reported: the real run meets them again (with the data as it is then).
    /// A request the client abandoned stops here.
    /// </summary>
    public static async Task<WriteRehearsal> RehearseAsync(Func<Task> rehearse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rehearse);
        var rehearsal = new WriteRehearsal();
        Ambient.Value = rehearsal;
        try
        {
            await rehearse().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // any failure is the real run's to report
        catch (Exception) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
        }

        ct.ThrowIfCancellationRequested();
        rehearsal.IsRehearsing = false;
        return rehearsal;
    }

    /// <summary>Runs the real write with this rehearsal's results, ids and time at hand.</summary>
    public async Task<T> PerformAsync<T>(Func<Task<T>> perform)
    {
        ArgumentNullException.ThrowIfNull(perform);
        Ambient.Value = this;
        return await perform().ConfigureAwait(false);
    }

    /// <summary>A new id: minted and recorded while rehearsing; the rehearsal's ids again, in order, for real.</summary>
    public string NextId()
    {
        if (IsRehearsing)
        {
            _ids.Add(Guid.NewGuid().ToString());
            return _ids[^1];
        }

        return _replayed < _ids.Count ? _ids[_replayed++] : Guid.NewGuid().ToString();
    }

    /// <summary>The time the rehearsal read first, so that "now" is the same in both runs.</summary>
    public DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return _now ??= time.GetUtcNow();
    }

    public void Remember(Resource resource, PreparedWrite prepared)
    {
        if (IsRehearsing)
        {
            _prepared[Content(resource)] = prepared;
        }
    }

    /// <summary>The rehearsed result for this exact content, or null (never during the rehearsal itself).</summary>
    public PreparedWrite? Find(Resource resource)
        => !IsRehearsing && _prepared.Count > 0 && _prepared.TryGetValue(Content(resource), out var prepared) ? prepared : null;

    private static string Content(Resource resource) => FhirSerialization.ToJson(resource, pretty: false);
}
