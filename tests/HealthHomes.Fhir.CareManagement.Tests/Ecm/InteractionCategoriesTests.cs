using HealthHomes.Fhir.CareManagement.Ecm;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Tests.Ecm.EcmTestData;

namespace HealthHomes.Fhir.CareManagement.Tests.Ecm;

public sealed class InteractionCategoriesTests
{
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateOnly April = new(2026, 4, 1);

    private static EpisodeOfCare Enrolled() => EcmEpisode(managing: "Organization/ecm-a", start: "2026-01-15");

    private static Communication Message(string id, string sent, string? category, params string[] partOf) => new()
    {
        Id = id,
        Status = EventStatus.Completed,
        Sent = sent,
        Category = category is null ? [] : [new CodeableConcept(ProgramCodes.InteractionCategorySystem, category)],
        PartOf = [.. partOf.Select(p => new ResourceReference(p))],
        Subject = new ResourceReference("Patient/" + PatientId),
    };

    [Fact]
    public void E6di_attempts_go_by_their_interaction_category_else_by_modality()
    {
        var record = Record(Patient(), [Enrolled()], tasks:
        [
            Attempt("home", "2026-03-02T10:00:00-08:00", "in-person-home"),
            Attempt("street", "2026-03-03T10:00:00-08:00", "in-person-community"),
            Attempt("phone", "2026-03-04T10:00:00-08:00", "phone"),
            Attempt("text", "2026-03-05T10:00:00-08:00", "text"),
            Attempt("explicit", "2026-03-06T10:00:00-08:00", "phone", InteractionCategoryCodes.PhoneTelehealth),
            Attempt("planned", "2026-03-07T10:00:00-08:00", "phone", status: Hl7.Fhir.Model.Task.TaskStatus.Requested),
        ]);

        var result = InteractionCategories.Count(record, March, April);

        Assert.Equal(["Task/home", "Task/street"], result.EvidenceOf(InteractionCategoryCodes.OutreachInPerson));
        Assert.Equal(["Task/phone", "Task/text"], result.EvidenceOf(InteractionCategoryCodes.OutreachTelephonicElectronic));
        Assert.Equal(["Task/explicit"], result.EvidenceOf(InteractionCategoryCodes.PhoneTelehealth));
        Assert.Equal(0, result.CountOf(InteractionCategoryCodes.InPerson));
    }

    [Fact]
    public void E6di_encounters_of_the_ECM_provider_during_the_enrollment_count_by_class()
    {
        var record = Record(Patient(), [Enrolled()], encounters:
        [
            Encounter("amb", "AMB", "2026-03-02T10:00:00-08:00", "Organization/ecm-a"),
            Encounter("hh", "HH", "2026-03-03T10:00:00-08:00", "Organization/ecm-a"),
            Encounter("fld", "FLD", "2026-03-04T10:00:00-08:00", "Organization/ecm-a"),
            Encounter("vr", "VR", "2026-03-05T10:00:00-08:00", "Organization/ecm-a"),
            Encounter("imp", "IMP", "2026-03-05T10:00:00-08:00", "Organization/ecm-a"),
            Encounter("pcp-visit", "AMB", "2026-03-06T10:00:00-08:00", "Organization/pcp"),
            Encounter("tagged", "AMB", "2026-03-06T11:00:00-08:00", enrollment: EpisodeId),
            Encounter("planned", "AMB", "2026-03-09T10:00:00-07:00", "Organization/ecm-a", Hl7.Fhir.Model.Encounter.EncounterStatus.Planned),
            Encounter("before-enrollment", "AMB", "2026-01-10T10:00:00-08:00", "Organization/ecm-a"),
        ]);

        var result = InteractionCategories.Count(record, new DateOnly(2026, 1, 1), April);

        Assert.Equal(["Encounter/amb", "Encounter/hh", "Encounter/fld", "Encounter/tagged"], result.EvidenceOf(InteractionCategoryCodes.InPerson));
        Assert.Equal(["Encounter/vr"], result.EvidenceOf(InteractionCategoryCodes.PhoneTelehealth));
    }

    [Fact]
    public void E6di_a_communication_part_of_an_attempt_is_not_counted_again_but_a_standalone_one_is()
    {
        var record = Record(Patient(), [Enrolled()],
            tasks: [Attempt("call", "2026-03-02T17:30:00-08:00", "phone")],
            communications:
            [
                Message("text-of-call", "2026-03-02T17:48:00-08:00", InteractionCategoryCodes.OutreachTelephonicElectronic, "Task/call"),
                Message("letter", "2026-03-04T09:00:00-08:00", InteractionCategoryCodes.OutreachTelephonicElectronic),
                Message("notice", "2026-03-04T09:00:00-08:00", null),
            ]);

        var result = InteractionCategories.Count(record, March, April);

        Assert.Equal(["Task/call", "Communication/letter"], result.EvidenceOf(InteractionCategoryCodes.OutreachTelephonicElectronic));
        Assert.Equal(2, result.CountOf(InteractionCategoryCodes.OutreachTelephonicElectronic));
    }

    [Fact]
    public void E6di_the_period_is_start_inclusive_end_exclusive_in_Los_Angeles_time()
    {
        var record = Record(Patient(), [Enrolled()], tasks:
        [
            Attempt("last-feb-local", "2026-03-01T07:59:00Z", "phone"),
            Attempt("first-march-local", "2026-03-01T08:00:00Z", "phone"),
            Attempt("first-april", "2026-04-01T00:00:00-07:00", "phone"),
        ]);

        var result = InteractionCategories.Count(record, March, April);

        Assert.Equal(["Task/first-march-local"], result.EvidenceOf(InteractionCategoryCodes.OutreachTelephonicElectronic));
    }
}
