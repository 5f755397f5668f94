namespace HealthHomes.Fhir.Server.Validation;

/// <summary>
/// Write validation, bound from the "Validation" configuration section. By default every create, update, patch and
/// batch/transaction entry is validated against base R4 and the profiles it claims in meta.profile.
/// </summary>
public sealed class ValidationSettings
{
    public const string SectionName = "Validation";

    /// <summary>Validate writes (default true). Off: writes are only parsed strictly; $validate still validates.</summary>
    public bool OnWrite { get; set; } = true;

    /// <summary>
    /// Resource type -> profile urls; a resource of that type must conform to one of them (strict mode), e.g.
    /// "Task": [hh-outreach-attempt, hh-checklist-step, hh-referral-task]. A resource claiming one of them in
    /// meta.profile is held to that one; one claiming none must conform to at least one.
    /// </summary>
    public Dictionary<string, string[]> RequiredProfiles { get; set; } = new(StringComparer.Ordinal);
}
