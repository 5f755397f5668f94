namespace HealthHomes.Fhir.CareManagement;

/// <summary>Whose holidays a program's business days skip (docs/domain/calendar.md#business-days).</summary>
public enum Jurisdiction
{
    Kansas,
    California,
}

/// <summary>
/// One of the two programs: its code (hh-program), the time zone its days are counted in and its holiday jurisdiction
/// (docs/domain/README.md#time-zones: America/Chicago for KS-HH, America/Los_Angeles for ECM).
/// </summary>
public sealed record CareProgram(string Code, string Title, TimeZoneInfo TimeZone, Jurisdiction Jurisdiction)
{
    public static readonly CareProgram KsHealthHomes = new(
        ProgramCodes.KsHealthHomes, "KanCare SMI Health Homes", TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"), Jurisdiction.Kansas);

    public static readonly CareProgram EnhancedCareManagement = new(
        ProgramCodes.EnhancedCareManagement, "CalAIM Enhanced Care Management", TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"), Jurisdiction.California);

    public static IReadOnlyList<CareProgram> All { get; } = [KsHealthHomes, EnhancedCareManagement];

    /// <summary>The program for an hh-program code, or null when the code is not one.</summary>
    public static CareProgram? ForCode(string? code) => All.FirstOrDefault(p => p.Code == code);

    public bool IsEcm => Code == ProgramCodes.EnhancedCareManagement;

    /// <summary>The program a rule ID belongs to: KS-* are Kansas Health Homes rules, the others CalAIM ECM's.</summary>
    public static CareProgram OfRule(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        return ruleId.StartsWith("KS-", StringComparison.Ordinal) ? KsHealthHomes : EnhancedCareManagement;
    }
}
