using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace HealthHomes.Fhir.CareManagement.Referrals;

/// <summary>One receiving provider's closed-loop referral figures for a period (see <see cref="ReferralMetrics"/> for the definitions).</summary>
public sealed record ProviderReferralMetrics(
    string Provider,
    int Open,
    int Received,
    int Overdue,
    IReadOnlyList<string> OverdueReferrals,
    int AwaitingResponseOverdue,
    IReadOnlyList<string> AwaitingResponseOverdueReferrals,
    int Closed,
    IReadOnlyDictionary<string, int> ClosedByReason,
    double? UnableToReachRate,
    TimeSpan? MedianTimeToFirstResponse,
    TimeSpan? MedianTimeToClosure)
{
    public string Rule => RuleIds.EcmClosedLoopReferral;
}

/// <summary>The report: the period [start, end) of local dates, the instant the states were read at, per provider (ordinal order).</summary>
public sealed record ReferralMetricsReport(DateOnly PeriodStart, DateOnly PeriodEnd, DateTimeOffset Cutoff, IReadOnlyList<ProviderReferralMetrics> Providers)
{
    public ProviderReferralMetrics? For(string provider) => Providers.FirstOrDefault(p => p.Provider == provider);
}

/// <summary>
/// ECM-CLR closed-loop referral monitoring (KHS policy E.7.c-d; docs/domain/referrals.md#monitoring) over referral
/// Tasks (hh-task-code#referral) and their versions (oldest first; each version's Task.lastModified is when its change
/// happened, falling back to meta.lastUpdated, when the server stored it: back-loaded data is stored long after the
/// fact), for a period [start, end) of local dates in America/Los_Angeles.
/// <list type="bullet">
/// <item>Cutoff: the earlier of the context's asOf and the start of the period's end day; each referral is read as its
/// last version written at or before the cutoff (referrals first written later, not referrals and entered-in-error
/// ones are left out).</item>
/// <item>Provider: that version's Task.owner reference, <c>unassigned</c> when none.</item>
/// <item>First response: the first version whose status is neither draft nor requested (docs/domain/referrals.md#response-window: "the first
/// status change"). Without history, the only version's time stands in (an upper bound).</item>
/// <item>Response due: the end of the local day <see cref="CareManagementSettings.ReferralResponseBusinessDays"/>
/// business days after authoredOn's local date (ECM calendar from the context; day 0 = authored day).</item>
/// <item><c>Open</c>: status requested, accepted, in-progress or on-hold at the cutoff (draft is not yet sent).</item>
/// <item><c>Received</c>, <c>Overdue</c>, median time to first response: referrals authored in the period; overdue = the
/// first response after the due instant, or none by the cutoff and the due instant before the cutoff.</item>
/// <item><c>AwaitingResponseOverdue</c>: open referrals of any age with no response and the due instant passed (the
/// ones to escalate, E.7.b).</item>
/// <item>Closures: the first version in completed, rejected, cancelled or failed written in the period; reason =
/// statusReason code from hh-referral-closure (<c>unspecified</c> when none); unable-to-reach rate = closures with
/// member-unable-to-reach / all closures (E.7.c), null without closures; median time to closure = closure - authoredOn.</item>
/// <item>Medians of an even count average the two middle values; null when there is none.</item>
/// </list>
/// </summary>
public static class ReferralMetrics
{
    public const string Unassigned = "unassigned";
    public const string UnspecifiedReason = "unspecified";
    public const string MemberUnableToReach = "member-unable-to-reach";

    private static readonly CareProgram Program = CareProgram.EnhancedCareManagement;

    public static ReferralMetricsReport Compute(
        IEnumerable<FhirTask> referrals,
        IReadOnlyDictionary<string, IReadOnlyList<FhirTask>> history,
        DateOnly periodStart,
        DateOnly periodEnd,
        DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(referrals);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(context);

        var clock = ProgramClock.For(Program);
        var calendar = context.CalendarFor(Program);
        var periodStartInstant = clock.StartOfDay(periodStart);
        context = context.For(CareProgram.EnhancedCareManagement);
        var cutoff = Min(context.AsOf, clock.StartOfDay(periodEnd));
        var rows = new List<Row>();

        foreach (var current in referrals.Where(ReferralWorkflow.IsReferral))
        {
            var versions = (current.Id is { } id && history.TryGetValue(id, out var found) && found.Count > 0 ? found : [current])
                .Select(v => (Version: v, When: WrittenAt(v)))
                .Where(v => v.When is { } when && when <= cutoff)
                .Select(v => (v.Version, When: v.When!.Value))
                .ToList();
            if (versions.Count == 0)
            {
                continue;
            }

            var state = versions[^1].Version;
            if (state.Status is null or TaskStatus.EnteredInError)
            {
                continue;
            }

            var authored = FhirValues.Instant(state.AuthoredOn, Program.TimeZone) ?? versions[0].When;
            var due = clock.EndOfDay(calendar.AddBusinessDays(clock.LocalDate(authored), context.Settings.ReferralResponseBusinessDays));
            var response = versions.FirstOrDefault(v => v.Version.Status is not (TaskStatus.Draft or TaskStatus.Requested or null)).When;
            var closure = versions.FirstOrDefault(v => ReferralWorkflow.IsClosure(v.Version.Status));
            rows.Add(new Row(
                "Task/" + state.Id,
                state.Owner?.Reference is { Length: > 0 } owner ? owner : Unassigned,
                state.Status.Value,
                authored,
                due,
                response == default ? null : response,
                closure.Version is null ? null : closure.When,
                closure.Version is null ? null : state.StatusReason.CodeIn(ProgramCodes.ReferralClosureSystem) ?? UnspecifiedReason));
        }

        bool InPeriod(DateTimeOffset instant) => instant >= periodStartInstant && instant < cutoff;

        var providers = rows.GroupBy(r => r.Provider, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var open = g.Count(r => r.Status is TaskStatus.Requested or TaskStatus.Accepted or TaskStatus.InProgress or TaskStatus.OnHold);
                var received = g.Where(r => InPeriod(r.Authored)).ToList();
                var overdue = received
                    .Where(r => r.FirstResponse is { } first ? first > r.Due : cutoff > r.Due)
                    .Select(r => r.Reference).ToList();
                var awaiting = g
                    .Where(r => r.FirstResponse is null && r.Status == TaskStatus.Requested && cutoff > r.Due)
                    .Select(r => r.Reference).ToList();
                var closed = g.Where(r => r.Closed is { } at && InPeriod(at)).ToList();
                var byReason = closed.GroupBy(r => r.Reason!, StringComparer.Ordinal)
                    .OrderBy(r => r.Key, StringComparer.Ordinal)
                    .ToDictionary(r => r.Key, r => r.Count(), StringComparer.Ordinal);
                return new ProviderReferralMetrics(
                    g.Key,
                    open,
                    received.Count,
                    overdue.Count,
                    overdue,
                    awaiting.Count,
                    awaiting,
                    closed.Count,
                    byReason,
                    closed.Count == 0 ? null : (double)closed.Count(r => r.Reason == MemberUnableToReach) / closed.Count,
                    Median(received.Where(r => r.FirstResponse is not null).Select(r => r.FirstResponse!.Value - r.Authored)),
                    Median(closed.Select(r => r.Closed!.Value - r.Authored)));
            })
            .ToList();

        return new ReferralMetricsReport(periodStart, periodEnd, cutoff, providers);
    }

    /// <summary>The median, averaging the two middle values of an even count; null when empty.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : TimeSpan.FromTicks((sorted[middle - 1].Ticks + sorted[middle].Ticks) / 2);
    }

    private static DateTimeOffset? WrittenAt(FhirTask version) =>
        FhirValues.Instant(version.LastModified, Program.TimeZone) ?? version.Meta?.LastUpdated ?? FhirValues.Instant(version.AuthoredOn, Program.TimeZone);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private sealed record Row(
        string Reference,
        string Provider,
        TaskStatus Status,
        DateTimeOffset Authored,
        DateTimeOffset Due,
        DateTimeOffset? FirstResponse,
        DateTimeOffset? Closed,
        string? Reason);
}
