using HealthHomes.Fhir.CareManagement.Records;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// ECM-OUT-INFORM: "The Member is informed at the time of initial outreach by the ECM Provider staff and KHS ECM Team
/// that they may decline participation in the program and that they may request a different ECM Provider." No time
/// limit. Per ecm enrollment, the first attempt made with member contact: output informed-of-rights true is met (at
/// that attempt), false or absent is missed; no contact yet is not applicable.
/// </summary>
public sealed class InformedOfRightsAtFirstContact : IDeadlineRule
{
    public IReadOnlyList<string> RuleIds { get; } = [CareManagement.RuleIds.EcmOutreachInform];

    public IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var program = CareProgram.EnhancedCareManagement;
        var clock = DeadlineContext.ClockFor(program);
        List<DeadlineResult> results = [];
        foreach (var enrollment in record.EnrollmentsIn(program))
        {
            var contact = record.AttemptsOf(enrollment).FirstOrDefault(a => a.MadeMemberContact && a.When <= context.AsOf);
            if (contact is null)
            {
                results.Add(DeadlineContext.NotApplicable(RuleIds, record.PatientReference, RuleSeverity.Error,
                    Text($"No outreach attempt of {enrollment.Reference} has reached the member yet.")));
                continue;
            }

            var informed = contact.InformedOfRights == true;
            var text = Text($"First contact {contact.Reference} {clock.Stamp(contact.When)} ({contact.Outcome}): ")
                + (contact.InformedOfRights switch
                {
                    true => "member told they may decline and may request another ECM Provider (informed-of-rights true).",
                    false => "informed-of-rights recorded false.",
                    _ => "informed-of-rights not recorded.",
                });
            results.Add(Unlimited(program, CareManagement.RuleIds.EcmOutreachInform, record.PatientReference, informed,
                contact.When, informed ? contact.When : null, [contact.Reference], informed ? [contact.Reference] : [], text));
        }

        return results;
    }
}
