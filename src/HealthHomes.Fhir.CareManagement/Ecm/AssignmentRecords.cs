using System.Globalization;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Ecm;

/// <summary>
/// What an ECM assignment writes (ECM-ASSIGN-10BD, ECM-LCM, ECM-PCP-10BD, ECM-NOTIFY-WEEKLY): the enrollment with its
/// ECM Provider, a care team with a Lead Care Manager slot, and the notifications to send (status preparation: the
/// deadline rules count them once they are completed and sent).
/// </summary>
internal static class AssignmentRecords
{
    internal static EpisodeOfCare UpdatedEpisode(EpisodeOfCare episode, string chosen, DateOnly day)
    {
        var updated = (EpisodeOfCare)episode.DeepCopy();
        updated.ManagingOrganization = new ResourceReference(chosen);
        updated.Period ??= new Period();
        if (string.IsNullOrEmpty(updated.Period.Start))
        {
            updated.Period.Start = Format(day);
        }

        return updated;
    }

    internal static CareTeam LeadCareManagerTeam(MemberRecord record, string enrollmentReference, string chosen, DateOnly day) => new()
    {
        Meta = new Meta { Profile = [ProgramCodes.Base + "StructureDefinition/hh-care-team"] },
        Extension = [new Extension(ProgramCodes.EnrollmentExtension, new ResourceReference(enrollmentReference))],
        Status = CareTeam.CareTeamStatus.Active,
        Name = "ECM care team",
        Subject = new ResourceReference(record.PatientReference),
        Period = new Period { Start = Format(day) },
        ManagingOrganization = [new ResourceReference(chosen)],
        Participant =
        [
            new CareTeam.ParticipantComponent
            {
                Role = [new CodeableConcept(ProgramCodes.CareTeamRoleSystem, ProgramCodes.LeadCareManager, "ECM Lead Care Manager")],
                Member = new ResourceReference(chosen) { Display = "Lead Care Manager to be named by the ECM Provider" },
                OnBehalfOf = new ResourceReference(chosen),
                Period = new Period { Start = Format(day) },
            },
        ],
    };

    internal static Communication Notification(MemberRecord record, string enrollmentReference, string? plan, string type, string recipient, string text) => new()
    {
        Extension = [new Extension(ProgramCodes.EnrollmentExtension, new ResourceReference(enrollmentReference))],
        Status = EventStatus.Preparation,
        Category = [new CodeableConcept(ProgramCodes.NotificationTypeSystem, type)],
        Subject = new ResourceReference(record.PatientReference),
        About = [new ResourceReference(enrollmentReference)],
        Recipient = [new ResourceReference(recipient)],
        Sender = plan is null ? null : new ResourceReference(plan),
        Payload = [new Communication.PayloadComponent { Content = new FhirString(text) }],
    };

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
