using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static HealthHomes.Fhir.Conformance.Tests.Package.PackageFiles;

namespace HealthHomes.Fhir.Conformance.Tests.Profiles;

/// <summary>
/// Per profile, a valid example broken in one targeted way: the validator reports an error at the expected FHIRPath
/// expression with the expected message (the invariant's key and KS text, the slice or element, the ValueSet).
/// </summary>
public class InvalidVariantTests
{
    private const string Param = "https://fhir.healthhomes.example/CodeSystem/hh-task-parameter";

    private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions().ForFhir(new FhirJsonConverterOptions());

    /// <summary>case name -> (example file, the break, expected expression, expected text in the diagnostics).</summary>
    private static readonly Dictionary<string, (string File, Action<JsonObject> Break, string Expression, string Text)> Cases = new()
    {
        ["attempt without phone or address attempted"] = ("OutreachAttempt-ks-morning-no-answer.json",
            r => RemoveWhere(r, "input", "contact-point-attempted"), "Task", "hh-out-doc-1"),
        ["attempt without a time of day"] = ("OutreachAttempt-ks-morning-no-answer.json",
            r => r["executionPeriod"]!["start"] = "2026-02-10", "Task", "KS-OUT-DOC: an outreach attempt records its date and time"),
        ["attempt without modality"] = ("OutreachAttempt-ks-morning-no-answer.json",
            r => RemoveWhere(r, "input", "modality"), "Task.input", "modality"),
        ["attempt without outcome"] = ("OutreachAttempt-ks-morning-no-answer.json",
            r => RemoveWhere(r, "output", "outreach-outcome"), "Task.output", "outcome"),
        ["attempt reaching someone without their name"] = ("OutreachAttempt-kern-evening-reached.json",
            r => RemoveWhere(r, "output", "person-reached-name"), "Task", "hh-out-doc-3"),
        ["checklist step without its step"] = ("ChecklistStepRecord-ks-send-mailing.json",
            r => RemoveWhere(r, "input", "checklist-step"), "Task.input", "checklistStep"),
        ["enrollment without program type"] = ("ProgramEnrollment-ks-hh.json",
            r => r.Remove("type"), "EpisodeOfCare.type", "allowed 1.."),
        ["enrollment with a program outside the list"] = ("ProgramEnrollment-ks-hh.json",
            r => r["type"] = new JsonArray(Concept("https://fhir.healthhomes.example/CodeSystem/hh-program", "pace")), "EpisodeOfCare.type[0]", "ValueSet/hh-program"),
        ["HAP activity outside the six core services"] = ("HealthActionPlan-ks.json",
            r => r["activity"]![0]!["detail"]!["code"] = Concept("https://fhir.healthhomes.example/CodeSystem/hh-core-service", "dental-care"),
            "CarePlan.activity[0].detail.code", "ValueSet/hh-core-service"),
        ["HAP without care team"] = ("HealthActionPlan-ks.json", r => r.Remove("careTeam"), "CarePlan.careTeam", "allowed 1.."),
        ["member without Medicaid ID"] = ("Member-ks-darnell-price.json",
            r => r["identifier"]![0]!["system"] = "https://hospital.example/mrn", "Patient", "hh-mem-1"),
        ["member without birth date"] = ("Member-ks-darnell-price.json", r => r.Remove("birthDate"), "Patient.birthDate", "allowed 1.."),
        ["care team participant without role"] = ("ProgramCareTeam-ks.json", r => r["participant"]![0]!.AsObject().Remove("role"), "CareTeam.participant[0].role", "allowed 1.."),
        ["referral request without requester"] = ("ReferralRequest-kern-housing-navigation.json", r => r.Remove("requester"), "ServiceRequest.requester", "allowed 1.."),
        ["closed referral without closure reason"] = ("ReferralTask-kern-housing-navigation.json", r => r.Remove("statusReason"), "Task", "hh-ref-1"),
        ["referral with a proposal intent"] = ("ReferralTask-kern-housing-navigation.json", r => r["intent"] = "proposal", "Task.intent", "order"),
        ["communication without the attempt it belongs to"] = ("OutreachCommunication-kern-text.json", r => r.Remove("partOf"), "Communication.partOf", "allowed 1.."),
        ["opt-out that permits"] = ("ProgramOptOut-ks-refusal.json", r => r["provision"]!["type"] = "permit", "Consent.provision.type", "deny"),
        ["lead entity typed as a health home partner"] = ("LeadEntity-ks-prairie-health-plan.json",
            r => r["type"] = new JsonArray(Concept("https://fhir.healthhomes.example/CodeSystem/hh-organization-role", "health-home-partner")), "Organization", "hh-org-1"),
        ["health home partner without provider type"] = ("HealthHomePartner-ks-sedgwick-cmhc.json",
            r => RemoveExtension(r, "hh-hhp-provider-type"), "Organization.extension", "providerType"),
        ["ECM provider without name"] = ("EcmProvider-kern-bakersfield-care-partners.json", r => r.Remove("name"), "Organization.name", "allowed 1.."),
        ["staff role without organization"] = ("StaffRole-ks-nurse-care-coordinator.json", r => r.Remove("organization"), "PractitionerRole.organization", "allowed 1.."),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Broken_example_fails_with_the_expected_expression_and_message(string name)
    {
        var (file, breakIt, expression, text) = Cases[name];
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("examples"), file)))!.AsObject();
        breakIt(json);
        var resource = JsonSerializer.Deserialize<Resource>(json.ToJsonString(), Strict)!;
        var result = PackageValidator.Validate(resource);
        Assert.False(result.IsValid, $"{name}: expected errors");
        Assert.True(
            result.Issues.Any(i => i.Severity == OperationOutcome.IssueSeverity.Error && i.Expression.Contains(expression) && (i.Diagnostics ?? "").Contains(text, StringComparison.Ordinal)),
            $"{name}: expected an error at {expression} mentioning '{text}'; got:\n{Validation.ValidatorHarness.Describe(result)}");
    }

    [Fact]
    public void Every_profile_has_a_broken_variant()
    {
        var broken = Cases.Values.Select(c => Example(c.File).Meta!.Profile.Single()!).ToHashSet(StringComparer.Ordinal);
        Assert.All(Loaded.Profiles, p => Assert.Contains(p.Url!, broken));
    }

    private static JsonObject Concept(string system, string code) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };

    /// <summary>Removes the Task.input/output entries whose type is the hh-task-parameter code.</summary>
    private static void RemoveWhere(JsonObject task, string list, string parameter)
    {
        var items = task[list]!.AsArray();
        foreach (var item in items.Where(i => i!["type"]!["coding"]!.AsArray().Any(c => (string?)c!["system"] == Param && (string?)c["code"] == parameter)).ToList())
        {
            items.Remove(item);
        }

        if (items.Count == 0)
        {
            task.Remove(list);
        }
    }

    private static void RemoveExtension(JsonObject resource, string id)
    {
        var extensions = resource["extension"]!.AsArray();
        foreach (var e in extensions.Where(e => ((string?)e!["url"])!.EndsWith("/" + id, StringComparison.Ordinal)).ToList())
        {
            extensions.Remove(e);
        }
    }
}
