namespace HealthHomes.Fhir.CareManagement;

/// <summary>The programs' configurable numbers (configuration section "CareManagement"), with the defaults the rule book (docs/domain/) gives.</summary>
public sealed class CareManagementSettings
{
    /// <summary>A pending rule instance due within this many days is at-risk (default 7; docs/domain/README.md#compliance-states).</summary>
    public int AtRiskDays { get; set; } = 7;

    /// <summary>ECM-CLR: business days a receiving provider has to first answer a referral (docs/domain/referrals.md#response-window: default 10).</summary>
    public int ReferralResponseBusinessDays { get; set; } = 10;

    /// <summary>
    /// ECM-ASSIGN-10BD step 4 (KHS policy D): the plan's default ECM Provider, as "Organization/id", used when neither the
    /// member's preference, the member's PCP nor a serving specialty mental health / SUD provider is a contracted ECM
    /// Provider. It must itself be in the directory passed to the assignment and contracted as of the assignment date;
    /// null or empty means no default (the assignment then fails with no-eligible-provider).
    /// </summary>
    public string? DefaultEcmProvider { get; set; }

    /// <summary>
    /// ECM engagement status: the fewest outreach attempts before a member without contact counts as unable-to-reach
    /// (default 3). The Kern policy (IV.E.6.d) requires two attempts within 30 days at different times of day and on
    /// different weekdays, and lists "not able to connect with the member after multiple attempts" as a disenrollment
    /// reason (IV.F.2.d) without a number: this is that number, per plan. Exhausted also needs the ECM-OUT-2X pattern
    /// and at least 30 days since the first attempt (see <c>Engagement.UnableToReach</c>).
    /// </summary>
    public int UnableToReachMinimumAttempts { get; set; } = 3;

    /// <summary>Extra holidays per jurisdiction ("Kansas", "California", "Federal"), as yyyy-MM-dd observed dates.</summary>
    public Dictionary<string, List<string>> AddedHolidays { get; init; } = [];

    /// <summary>Shipped holidays to drop per jurisdiction, as yyyy-MM-dd observed dates.</summary>
    public Dictionary<string, List<string>> RemovedHolidays { get; init; } = [];

    /// <summary>A copy with another at-risk window (an operation's atRiskDays parameter).</summary>
    public CareManagementSettings WithAtRiskDays(int days)
    {
        var copy = (CareManagementSettings)MemberwiseClone();
        copy.AtRiskDays = days;
        return copy;
    }
}
