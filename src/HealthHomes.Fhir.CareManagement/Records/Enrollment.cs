using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Records;

/// <summary>
/// A program enrollment (profile hh-program-enrollment): the EpisodeOfCare with its program, period (start = enrolled
/// with the HHP / assigned to the ECM Provider), managing organization, authorization period and disenrollment reason.
/// </summary>
public sealed record Enrollment(
    EpisodeOfCare Episode,
    CareProgram Program,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string? ManagingOrganization,
    Period? Authorization,
    string? DisenrollmentReason)
{
    public string Id => Episode.Id ?? "";

    public string Reference => "EpisodeOfCare/" + Episode.Id;

    /// <summary>Ended (finished or cancelled, or a period end at or before <paramref name="asOf"/>).</summary>
    public bool HasEnded(DateTimeOffset asOf) =>
        Episode.Status is EpisodeOfCare.EpisodeOfCareStatus.Finished or EpisodeOfCare.EpisodeOfCareStatus.Cancelled
        || (End is { } end && end <= asOf);

    /// <summary>Reads an enrollment; null when the EpisodeOfCare has no known program or no start.</summary>
    public static Enrollment? From(EpisodeOfCare episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var program = CareProgram.ForCode(episode.Type.Select(t => t.CodeIn(ProgramCodes.ProgramSystem)).FirstOrDefault(c => c is not null));
        if (program is null || FhirValues.Instant(episode.Period?.Start, program.TimeZone) is not { } start)
        {
            return null;
        }

        return new Enrollment(
            episode,
            program,
            start,
            FhirValues.Instant(episode.Period?.End, program.TimeZone),
            episode.ManagingOrganization?.Reference,
            episode.ExtensionValue(ProgramCodes.AuthorizationPeriodExtension) as Period,
            episode.ExtensionValue(ProgramCodes.DisenrollmentReasonExtension).CodeIn(ProgramCodes.DisenrollmentReasonSystem));
    }
}
