using System.Globalization;
using System.Text.Json;
using HealthHomes.Fhir.Storage.Indexing;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// A <see cref="MemberConfinement"/> as a condition on a Resource row r, over the MemberLink table (the Patients the
/// resource's last live version referenced, kept when it is deleted):
/// <code>
/// CASE WHEN r.ResourceType = 'Patient' THEN r.LogicalId IN (visible)
///      ELSE NOT EXISTS (SELECT 1 FROM MemberLink m WHERE m.ResourceKey = r.ResourceKey AND m.PatientId NOT IN (visible)) END
/// </code>
/// A Patient is visible when it is one of the visible members; any other resource when it references no Patient
/// outside them (none at all: not member data; one outside: hidden, fail closed). The NOT EXISTS probes the MemberLink
/// key (ResourceKey, PatientId) of the one row; the visible set is uncorrelated, so SQLite computes it once per statement.
/// </summary>
internal abstract class MemberCriterion : SearchCriterion
{
    public static MemberCriterion Create(SearchParameterRegistry registry, MemberConfinement confinement) => confinement switch
    {
        OneMember one => new OneMemberCriterion(one.PatientId),
        ServedMembers served => new ServedMembersCriterion(registry, served),
        _ => throw new ArgumentOutOfRangeException(nameof(confinement), confinement, "Unknown member confinement."),
    };

    public sealed override string ToSql(SqlQuery query, string resource)
    {
        ArgumentNullException.ThrowIfNull(query);
        var m = query.Alias("m");
        return $"CASE WHEN {resource}.ResourceType = {query.Bind("Patient")} THEN {Visible(query, $"{resource}.LogicalId")} "
            + $"ELSE NOT EXISTS (SELECT 1 FROM MemberLink {m} WHERE {m}.ResourceKey = {resource}.ResourceKey AND NOT {Visible(query, $"{m}.PatientId")}) END";
    }

    /// <summary>"the Patient id in <paramref name="patientId"/> is visible"; never NULL for a non-NULL id.</summary>
    protected abstract string Visible(SqlQuery query, string patientId);

    /// <summary><see cref="OneMember"/>: the one Patient id.</summary>
    private sealed class OneMemberCriterion(string patientId) : MemberCriterion
    {
        protected override string Visible(SqlQuery query, string id) => $"{id} = {query.Bind(patientId)}";
    }

    /// <summary>
    /// <see cref="ServedMembers"/>: the Patient ids of active EpisodeOfCares managed by the organizations and of active
    /// CareTeams with one of the participants, read from the index tables (current versions only: a deleted or
    /// replaced episode has no rows). Each branch starts from the target index (TargetId, TargetType, SearchParameterId)
    /// of the organizations or participants, then reads the status and patient rows of those resources by ResourceKey:
    /// its cost follows the episodes and teams of the caller's organizations, not the store. A parameter missing from
    /// the registry drops its branch (fewer members visible, never more).
    /// </summary>
    private sealed class ServedMembersCriterion : MemberCriterion
    {
        private readonly SearchParameterRegistry _registry;
        private readonly string[] _organizations;
        private readonly string[][] _participants;

        public ServedMembersCriterion(SearchParameterRegistry registry, ServedMembers served)
        {
            ArgumentNullException.ThrowIfNull(served);
            _registry = registry;
            _organizations = [.. served.OrganizationIds.Where(o => o.Length > 0).Distinct(StringComparer.Ordinal)];

            // Only typed references ("Practitioner/pr1") can name a participant; anything else names no one.
            _participants = [.. served.CareTeamMembers.Select(ReferenceCriterion.SplitTypeAndId).Where(r => r.Type is not null).Distinct().Select(r => new[] { r.Type!, r.Id })];
        }

        protected override string Visible(SqlQuery query, string id)
        {
            var branches = new List<string>();
            if (_organizations.Length > 0 && Ids("EpisodeOfCare", "organization", "status", "patient") is { } episode)
            {
                var (k, o, s, p) = (query.Alias("k"), query.Alias("eo"), query.Alias("es"), query.Alias("ep"));
                branches.Add($"SELECT {p}.TargetId FROM json_each({query.Bind(JsonSerializer.Serialize(_organizations))}) {k} "
                    + $"CROSS JOIN ReferenceIndex {o} ON {o}.TargetId = {k}.value AND {o}.TargetType = {query.Bind("Organization")} AND {o}.SearchParameterId = {episode[0]} "
                    + Rest(query, o, s, p, episode[1], episode[2]));
            }

            if (_participants.Length > 0 && Ids("CareTeam", "participant", "status", "patient", "subject") is { } team)
            {
                var (k, c, s, p) = (query.Alias("k"), query.Alias("cm"), query.Alias("cs"), query.Alias("cp"));
                branches.Add($"SELECT {p}.TargetId FROM json_each({query.Bind(JsonSerializer.Serialize(_participants))}) {k} "
                    + $"CROSS JOIN ReferenceIndex {c} ON {c}.TargetId = json_extract({k}.value, '$[1]') AND {c}.TargetType = json_extract({k}.value, '$[0]') AND {c}.SearchParameterId = {team[0]} "
                    + Rest(query, c, s, p, team[1], $"{team[2]},{team[3]}"));
            }

            return branches.Count == 0 ? "0 = 1" : $"{id} IN ({string.Join(" UNION ", branches)})";
        }

        /// <summary>
        /// From the EpisodeOfCare or CareTeam row <paramref name="from"/>: its status row (active) and its patient rows,
        /// both read by ResourceKey. CROSS JOIN keeps this order: without statistics SQLite would rather start from
        /// every active status row of the store.
        /// </summary>
        private static string Rest(SqlQuery query, string from, string status, string patient, string statusId, string patientIds)
            => $"CROSS JOIN TokenIndex {status} INDEXED BY IX_TokenIndex_Resource ON {status}.ResourceKey = {from}.ResourceKey AND {status}.SearchParameterId = {statusId} AND {status}.Code = {query.Bind("active")} "
                + $"CROSS JOIN ReferenceIndex {patient} INDEXED BY IX_ReferenceIndex_Resource ON {patient}.ResourceKey = {from}.ResourceKey AND {patient}.SearchParameterId IN ({patientIds}) "
                + $"AND {patient}.TargetType = {query.Bind("Patient")} AND {patient}.TargetId IS NOT NULL";

        /// <summary>The registry ids of the type's parameters, as SQL literals; null when one is missing.</summary>
        private string[]? Ids(string type, params string[] codes)
        {
            var ids = new string[codes.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                if (!_registry.TryGet(type, codes[i], out var info))
                {
                    return null;
                }

                ids[i] = info.Id.ToString(CultureInfo.InvariantCulture);
            }

            return ids;
        }
    }
}
