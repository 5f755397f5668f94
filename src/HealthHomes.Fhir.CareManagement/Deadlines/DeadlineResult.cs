namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>Where one rule instance stands as of the evaluation instant (states: docs/domain/README.md#compliance-states).</summary>
public enum ComplianceState
{
    Met,
    MetLate,
    Missed,
    Pending,
    AtRisk,
    NotApplicable,
}

/// <summary>"error" when a must/within/will rule is missed; "warning" for recommended/should/targeted rules (docs/domain/README.md#errors-and-warnings).</summary>
public enum RuleSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One rule instance: which rule(s) (two when two rules bound one deadline, e.g. ECM-ELIG-5BD and the federal 7-day
/// cap: the earlier due is reported), about whom, when the clock started and on what evidence, when it is due (in the
/// program's offset), when and by what it was met, and the state as of the evaluation instant.
/// </summary>
public sealed record DeadlineResult(
    IReadOnlyList<string> Rules,
    string Subject,
    ComplianceState State,
    DateTimeOffset? Start,
    DateTimeOffset? Due,
    DateTimeOffset? Completed,
    IReadOnlyList<string> StartEvidence,
    IReadOnlyList<string> EndEvidence,
    RuleSeverity Severity,
    int? DaysRemaining,
    string? Explanation = null)
{
    public string Rule => Rules[0];
}

public static class ComplianceStateCodes
{
    public static string Code(this ComplianceState state) => state switch
    {
        ComplianceState.Met => "met",
        ComplianceState.MetLate => "met-late",
        ComplianceState.Missed => "missed",
        ComplianceState.Pending => "pending",
        ComplianceState.AtRisk => "at-risk",
        _ => "not-applicable",
    };

    public static ComplianceState? Parse(string? code) => code switch
    {
        "met" => ComplianceState.Met,
        "met-late" => ComplianceState.MetLate,
        "missed" => ComplianceState.Missed,
        "pending" => ComplianceState.Pending,
        "at-risk" => ComplianceState.AtRisk,
        "not-applicable" => ComplianceState.NotApplicable,
        _ => null,
    };

    public static string Code(this RuleSeverity severity) => severity == RuleSeverity.Error ? "error" : "warning";
}
