namespace HealthHomes.Fhir.CareManagement;

/// <summary>The programs' configurable numbers (configuration section "CareManagement"), with the defaults DOMAIN.md gives.</summary>
public sealed class CareManagementSettings
{
    /// <summary>A pending rule instance due within this many days is at-risk (issue 4: default 7).</summary>
    public int AtRiskDays { get; set; } = 7;

    /// <summary>ECM-CLR: business days a receiving provider has to first answer a referral (DOMAIN.md 1b.10: default 10).</summary>
    public int ReferralResponseBusinessDays { get; set; } = 10;

    /// <summary>Extra holidays per jurisdiction ("Kansas", "California", "Federal"), as yyyy-MM-dd observed dates.</summary>
    public Dictionary<string, List<string>> AddedHolidays { get; init; } = [];

    /// <summary>Shipped holidays to drop per jurisdiction, as yyyy-MM-dd observed dates.</summary>
    public Dictionary<string, List<string>> RemovedHolidays { get; init; } = [];
}
