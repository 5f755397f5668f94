using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-LCM: "ECM Providers will assign all Members a Lead Care Manager." No time limit. Per active ecm enrollment (not
/// ended as of the evaluation instant): met when EpisodeOfCare.careManager is set or a CareTeam of the enrollment (not
/// inactive or entered-in-error) has a participant with role hh-care-team-role#lead-care-manager; else missed, counted
/// from the assignment (enrollment start).
/// </summary>
public sealed class LeadCareManagerAssigned : IDeadlineRule
{
    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmLeadCareManager];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        List<DeadlineResult> results = [];
        foreach (var enrollment in record.EnrollmentsIn(program).Where(e => !e.HasEnded(context.AsOf)))
        {
            IReadOnlyList<string> start = [enrollment.Reference];
            if (enrollment.Episode.CareManager?.Reference is { } manager)
            {
                results.Add(Unlimited(program, CareManagement.RuleIds.EcmLeadCareManager, record.PatientReference, true, enrollment.Start, null, start, [enrollment.Reference],
                    Text($"Lead Care Manager {manager} on {enrollment.Reference} (careManager).")));
                continue;
            }

            var team = record.CareTeams.FirstOrDefault(t =>
                t.Status is not (CareTeam.CareTeamStatus.Inactive or CareTeam.CareTeamStatus.EnteredInError)
                && record.BelongsTo(t, enrollment)
                && t.Participant.Any(p => p.Role.HasCode(ProgramCodes.CareTeamRoleSystem, ProgramCodes.LeadCareManager)));
            results.Add(team is not null
                ? Unlimited(program, CareManagement.RuleIds.EcmLeadCareManager, record.PatientReference, true, enrollment.Start, null, start, [team.ReferenceTo()],
                    Text($"Lead Care Manager on {team.ReferenceTo()} (participant role lead-care-manager)."))
                : Unlimited(program, CareManagement.RuleIds.EcmLeadCareManager, record.PatientReference, false, enrollment.Start, null, start, [],
                    Text($"Assigned {clock.Day(enrollment.Start)} ({enrollment.Reference}); no Lead Care Manager: no careManager and no CareTeam participant with role lead-care-manager.")));
        }

        return results;
    }
}
