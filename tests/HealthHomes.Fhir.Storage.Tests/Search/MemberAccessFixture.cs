namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>
/// Two organizations' members and a care team's, seeded as index rows (with the MemberLink rows the store writes):
/// <list type="bullet">
/// <item>org1 serves a1 and ab (active EpisodeOfCares); a2's episode with org1 is finished; d1's active episode with org1 is deleted.</item>
/// <item>org2 serves b1 and ab (ab is a member of both).</item>
/// <item>Care teams: c1 (active, participant Practitioner/pr1), c2 (inactive, pr1), c3 (active, PractitionerRole/r1).</item>
/// <item>Observations: lab (laboratory) or vital (vital-signs); obs-two is about a1 (subject) and b1 (performer);
/// obs-shared is about a Group (no member); obs-del (about a1) is deleted.</item>
/// <item>a1 links to a2 (Patient.link) and names org1 and pr1; shared data: org1, org2, pr1, pr2, r1, g1, vs1.</item>
/// </list>
/// </summary>
public sealed class MemberAccessFixture : IndexedResourceSeeder
{
    public const string Category = "http://terminology.hl7.org/CodeSystem/observation-category";

    public MemberAccessFixture()
    {
        foreach (var (type, id) in new[] { ("Organization", "org1"), ("Organization", "org2"), ("Practitioner", "pr1"), ("Practitioner", "pr2"), ("PractitionerRole", "r1"), ("Group", "g1"), ("ValueSet", "vs1") })
        {
            Add(type, id);
        }

        Add("Patient", "a1", r => r.Reference("link", "Patient/a2").Reference("organization", "Organization/org1").Reference("general-practitioner", "Practitioner/pr1"));
        Add("Patient", "a2", r => r.Reference("organization", "Organization/org1"));
        foreach (var id in new[] { "ab", "b1", "c1", "c2", "c3", "d1" })
        {
            Add("Patient", id);
        }

        Episode("eoc-a1", "a1", "org1", "active");
        Episode("eoc-a2", "a2", "org1", "finished");
        Episode("eoc-ab1", "ab", "org1", "active");
        Episode("eoc-ab2", "ab", "org2", "active");
        Episode("eoc-b1", "b1", "org2", "active");
        Episode("eoc-d1", "d1", "org1", "active");
        Delete("EpisodeOfCare", "eoc-d1");
        Team("ct-c1", "c1", "Practitioner/pr1", "active", subject: true);
        Team("ct-c2", "c2", "Practitioner/pr1", "inactive", subject: false);
        Team("ct-c3", "c3", "PractitionerRole/r1", "active", subject: false);

        Observation("obs-a1", "laboratory", "x", "Patient/a1", "Practitioner/pr1");
        Observation("obs-a1b", "vital-signs", "y", "Patient/a1", null);
        Observation("obs-a2", "laboratory", "x", "Patient/a2", null);
        Observation("obs-two", "laboratory", "two", "Patient/a1", "Patient/b1");
        Observation("obs-ab", "vital-signs", "y", "Patient/ab", "Practitioner/pr2");
        Observation("obs-b1", "laboratory", "x", "Patient/b1", null);
        Observation("obs-c1", "laboratory", "x", "Patient/c1", null);
        Observation("obs-shared", "laboratory", "x", "Group/g1", null);
        Observation("obs-del", "laboratory", "x", "Patient/a1", null);
        Delete("Observation", "obs-del");
    }

    private void Episode(string id, string patient, string organization, string status)
        => Add("EpisodeOfCare", id, r => r.Token("status", "http://hl7.org/fhir/episode-of-care-status", status)
            .Reference("organization", "Organization/" + organization).Reference("patient", "Patient/" + patient));

    private void Team(string id, string patient, string participant, string status, bool subject)
        => Add("CareTeam", id, r => r.Token("status", "http://hl7.org/fhir/care-team-status", status)
            .Reference("participant", participant).Reference(subject ? "subject" : "patient", "Patient/" + patient));

    private void Observation(string id, string category, string code, string subject, string? performer)
        => Add("Observation", id, r =>
        {
            r.Token("category", Category, category).Token("code", "urn:test", code).Reference("subject", subject);
            if (subject.StartsWith("Patient/", StringComparison.Ordinal))
            {
                r.Reference("patient", subject);
            }

            if (performer is not null)
            {
                r.Reference("performer", performer);
            }
        });
}
