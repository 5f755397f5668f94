using HealthHomes.Fhir.CareManagement.Records;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>
/// The member-level deadline rules (one class per rule ID of docs/domain/README.md#index-of-rule-ids) and running them
/// over a member's record. The Organization-level KS-HHP-* rules are <see cref="HealthHomePartnerMilestones"/>.
/// </summary>
public static class DeadlineRules
{
    /// <summary>Every member-level rule, in the order of docs/domain/README.md#index-of-rule-ids (the KanCare checklist rules KS-CL* included).</summary>
    public static IReadOnlyList<IDeadlineRule> All { get; } =
    [
        new HapWithin90Days(),
        .. Checklists.ChecklistRules.All,
        new DischargeFollowUpWithin7Days(),
        new DischargeFollowUpWithin30Days(),
        new EligibilityWithin5BusinessDays(),
        new ExpeditedEligibilityWithin72Hours(),
        new AuthorizationFor12Months(),
        new AssignmentWithin10BusinessDays(),
        new PcpNotifiedWithin10BusinessDays(),
        new ProviderNotifiedWithin7Days(),
        new ProviderChangeWithin30Days(),
        new PriorEcmMemberWithin30Days(),
        new InitialOutreachWithin30Days(),
        new TwoOutreachAttemptsWithin30Days(),
        new InformedOfRightsAtFirstContact(),
        new LeadCareManagerAssigned(),
        new ReferralResponseWithinBusinessDays(),
    ];

    /// <summary>Every rule ID the member-level and Organization-level rules report.</summary>
    public static IReadOnlyList<string> RuleIds { get; } =
        [.. All.SelectMany(r => r.RuleIds).Concat(HealthHomePartnerMilestones.All.SelectMany(r => r.RuleIds)).Distinct()];

    /// <summary>The member-level rules that report <paramref name="ruleId"/> (empty for an unknown ID).</summary>
    public static IReadOnlyList<IDeadlineRule> For(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        return [.. All.Where(r => r.RuleIds.Contains(ruleId, StringComparer.Ordinal))];
    }

    /// <summary>All rules' results for the member as of <see cref="DeadlineContext.AsOf"/>.</summary>
    public static IReadOnlyList<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context) => Evaluate(record, context, All);

    /// <summary>The results naming <paramref name="ruleId"/> (e.g. ECM-ELIG-5BD results, also those its federal cap binds).</summary>
    public static IReadOnlyList<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        return [.. Evaluate(record, context, For(ruleId)).Where(r => r.Rules.Contains(ruleId, StringComparer.Ordinal))];
    }

    /// <summary>The given rules' results for the member (e.g. these plus the checklist rules).</summary>
    public static IReadOnlyList<DeadlineResult> Evaluate(MemberRecord record, DeadlineContext context, IEnumerable<IDeadlineRule> rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rules);
        return [.. rules.SelectMany(rule => rule.Evaluate(record, context.For(CareProgram.OfRule(rule.RuleIds[0]))))];
    }
}
