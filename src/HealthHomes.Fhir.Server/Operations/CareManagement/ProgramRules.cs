using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>Running the member-level rules (<see cref="DeadlineRules.All"/>, KanCare checklist rules included) with the operations' rule filter.</summary>
public static class ProgramRules
{
    public static IReadOnlyList<IDeadlineRule> All { get; } = [.. DeadlineRules.All];

    /// <summary>The results of all rules, or of those naming one of <paramref name="ruleIds"/> (each result once).</summary>
    public static IEnumerable<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context, IReadOnlyList<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        if (ruleIds.Count == 0)
        {
            return DeadlineRules.Evaluate(record, context, All);
        }

        var rules = All.Where(r => r.RuleIds.Any(ruleIds.Contains)).ToList();
        return DeadlineRules.Evaluate(record, context, rules).Where(r => r.Rules.Any(ruleIds.Contains));
    }
}
