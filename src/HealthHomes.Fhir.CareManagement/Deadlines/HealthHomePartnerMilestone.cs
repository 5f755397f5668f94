using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Deadlines.RuleSupport;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>A rule over an Organization rather than a member (the KS-HHP-* milestones).</summary>
public interface IOrganizationDeadlineRule
{
    IReadOnlyList<string> RuleIds { get; }

    /// <summary>The rule instance for this Organization (none when the rule does not concern it).</summary>
    IEnumerable<DeadlineResult> Evaluate(Organization organization, DeadlineContext context);
}

/// <summary>
/// The shared reading of the KS-HHP-* milestones: an Organization with type hh-organization-role#health-home-partner;
/// start = ext hh-contract-period valuePeriod.start; met by the earliest ext hh-hit-attestation whose sub-extension
/// <c>milestone</c> (valueCode) is this milestone, at its <c>date</c> (valueDate). Subject Organization/id.
/// </summary>
public abstract class HealthHomePartnerMilestone(string ruleId, string milestone, DeadlineLimit limit) : IOrganizationDeadlineRule
{
    public DeadlineLimit Limit { get; } = limit;

    /// <summary>The hh-hit-milestone code: ehr-plan, ehr-in-use or hie-connected.</summary>
    public string Milestone { get; } = milestone;

    public IReadOnlyList<string> RuleIds { get; } = [ruleId];

    public IEnumerable<DeadlineResult> Evaluate(Organization organization, DeadlineContext context)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(context);
        if (!IsHealthHomePartner(organization))
        {
            return [];
        }

        var program = CareProgram.KsHealthHomes;
        context = context.For(program);
        var clock = DeadlineContext.ClockFor(program);
        var subject = organization.ReferenceTo();
        if (At((organization.ExtensionValue(ProgramCodes.ContractPeriodExtension) as Period)?.Start, program) is not { } contracted)
        {
            return [DeadlineContext.NotApplicable(RuleIds, subject, RuleSeverity.Error, "No HHP contract start (extension hh-contract-period valuePeriod.start) on record.")];
        }

        var due = Limit.DueFrom(contracted, program, context);
        var attested = organization.Extension
            .Where(e => e.Url == ProgramCodes.HitAttestationExtension
                && (e.GetExtension(DeadlineCodes.MilestoneSubExtension)?.Value as Code)?.Value == Milestone)
            .Select(e => At((e.GetExtension(DeadlineCodes.DateSubExtension)?.Value as Date)?.Value, program))
            .OfType<DateTimeOffset>()
            .Order()
            .Cast<DateTimeOffset?>()
            .FirstOrDefault();
        var explanation = attested is { } when
            ? Text($"Contracted as HHP {clock.Day(contracted)}; '{Milestone}' due by {clock.Day(due)} ({Limit}); attested {clock.Day(when)}.")
            : Text($"Contracted as HHP {clock.Day(contracted)}; '{Milestone}' due by {clock.Day(due)} ({Limit}); no hh-hit-attestation for '{Milestone}' on record.");
        return [context.Judge(program, RuleIds, subject, contracted, due, attested, [subject], attested is null ? [] : [subject], RuleSeverity.Error, explanation)];
    }

    public static bool IsHealthHomePartner(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return organization.Type.HasCode(ProgramCodes.OrganizationRoleSystem, DeadlineCodes.HealthHomePartner);
    }
}
