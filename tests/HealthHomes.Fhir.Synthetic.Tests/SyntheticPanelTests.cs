using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Synthetic.Tests;

public sealed class SyntheticPanelTests
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static readonly Lazy<List<Bundle>> Panel = new(() => new SyntheticPanel(seed: 7, memberCount: 2000).Members().ToList());

    private static string Serialize(Bundle bundle) => JsonSerializer.Serialize(bundle, Json);

    private static IEnumerable<Base> Descendants(Base element) =>
        element.EnumerateElements().SelectMany(e => e.Value switch
        {
            Base child => Descendants(child).Prepend(child),
            IEnumerable<Base> children => children.SelectMany(c => Descendants(c).Prepend(c)),
            _ => [],
        });

    private static IEnumerable<T> All<T>(Bundle bundle) where T : Resource => bundle.Entry.Select(e => e.Resource!).OfType<T>();

    [Fact]
    public void The_same_seed_gives_byte_identical_bundles()
    {
        var first = new SyntheticPanel(42, 300).Members().Select(Serialize).ToList();
        var second = new SyntheticPanel(42, 300).Members().Select(Serialize).ToList();

        Assert.Equal(first, second);
        Assert.Equal(Serialize(SyntheticPanel.Directory()), Serialize(SyntheticPanel.Directory()));
    }

    [Fact]
    public void A_member_made_alone_equals_the_same_member_made_in_sequence()
    {
        var panel = new SyntheticPanel(42, 300);

        Assert.Equal(Serialize(panel.Members().ElementAt(123)), Serialize(panel.Member(123)));
    }

    [Fact]
    public void Another_seed_gives_another_panel()
    {
        Assert.NotEqual(Serialize(new SyntheticPanel(1, 1).Member(0)), Serialize(new SyntheticPanel(2, 1).Member(0)));
    }

    [Fact]
    public void Bundles_survive_a_strict_json_round_trip()
    {
        // The default FHIR settings reject unknown elements and invalid values.
        var strict = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
        foreach (var bundle in Panel.Value.Take(200).Append(SyntheticPanel.Directory()))
        {
            var json = Serialize(bundle);
            Assert.Equal(json, Serialize(JsonSerializer.Deserialize<Bundle>(json, strict)!));
        }
    }

    [Fact]
    public void About_thirteen_resources_per_member_with_attempts_by_engagement_status()
    {
        var perMember = Panel.Value.Select(b => b.Entry.Count).ToList();
        var attempts = Panel.Value.Select(b => (Status: EngagementScenario.Of(b), Count: All<FhirTask>(b).Count(t => t.Code!.Coding[0].Code == CodeSystems.OutreachAttempt))).ToList();

        Assert.InRange(perMember.Average(), 12.0, 15.0); // about 13 (6-7 attempts); was about 15 with 8-12 attempts each
        Assert.True(perMember.Max() <= 40, $"largest member has {perMember.Max()} resources");
        Assert.All(attempts.Where(a => a.Status == EngagementScenario.NotOutreached), a => Assert.Equal(0, a.Count));
        Assert.All(attempts.Where(a => a.Status is EngagementScenario.Engaged or EngagementScenario.UnableToReach), a => Assert.InRange(a.Count, 3, 20));
        Assert.InRange(attempts.Average(a => a.Count), 5.0, 9.0);
    }

    [Fact]
    public void Each_member_has_one_patient_enrollment_and_care_team_and_a_plan_only_once_engaged()
    {
        Assert.All(Panel.Value, b =>
        {
            Assert.Single(All<Patient>(b));
            Assert.Single(All<EpisodeOfCare>(b));
            Assert.Single(All<CareTeam>(b));
            Assert.True(All<CarePlan>(b).Count() <= 1);
            if (All<CarePlan>(b).Any())
            {
                Assert.Contains(All<FhirTask>(b), t => t.Output.Any(o => o.Value is CodeableConcept { Coding: [{ Code: "agreed-to-engage" }] }));
            }
        });
        Assert.InRange(Panel.Value.Count(b => All<CarePlan>(b).Any()) / (double)Panel.Value.Count, 0.30, 0.50);
    }

    [Fact]
    public void Programs_split_about_fifty_five_ks_health_homes_to_forty_five_ecm()
    {
        var ecm = Panel.Value.Count(b => All<EpisodeOfCare>(b).Single().Type[0].Coding[0].Code == CodeSystems.EnhancedCareManagement);

        Assert.InRange(ecm / (double)Panel.Value.Count, 0.40, 0.50);
    }

    [Fact]
    public void Outreach_happens_at_many_times_of_day_and_by_many_modalities()
    {
        var attempts = Panel.Value.SelectMany(All<FhirTask>).Where(t => t.Code!.Coding[0].Code == CodeSystems.OutreachAttempt).ToList();
        var hours = attempts.Select(t => DateTimeOffset.Parse(t.ExecutionPeriod!.Start!, System.Globalization.CultureInfo.InvariantCulture).Hour).Distinct().Count();
        var modalities = attempts.Select(t => Input(t, "modality")).ToList();

        Assert.True(hours >= 10, $"{hours} distinct hours");
        Assert.Equal(CodeSystems.Modalities.Count, modalities.Distinct().Count());
        Assert.InRange(modalities.Count(m => m == "phone") / (double)attempts.Count, 0.4, 0.55);
    }

    [Fact]
    public void Every_attempt_records_what_was_attempted_and_who_was_reached()
    {
        var attempts = Panel.Value.SelectMany(All<FhirTask>).Where(t => t.Code!.Coding[0].Code == CodeSystems.OutreachAttempt).ToList();

        Assert.All(attempts, t => Assert.Single(t.Input, i => i.Type!.Coding[0].Code == "contact-point-attempted" && i.Value is ContactPoint { Value: not null } or Address));
        Assert.All(attempts.Where(t => Output(t, "outreach-outcome").StartsWith("reached-", StringComparison.Ordinal)), t =>
        {
            Assert.Contains(t.Output, o => o.Type!.Coding[0].Code == "person-reached-name" && o.Value is HumanName);
            Assert.Contains(t.Output, o => o.Type!.Coding[0].Code == "person-reached-contact" && o.Value is ContactPoint { Value: not null });
        });
    }

    private static string Input(FhirTask task, string type) =>
        ((CodeableConcept)task.Input.Single(i => i.Type!.Coding[0].Code == type).Value!).Coding[0].Code!;

    private static string Output(FhirTask task, string type) =>
        ((CodeableConcept)task.Output.Single(o => o.Type!.Coding[0].Code == type).Value!).Coding[0].Code!;

    [Fact]
    public void Every_task_is_for_the_patient_of_its_own_bundle()
    {
        Assert.All(Panel.Value, b =>
        {
            var patientUrl = b.Entry.Single(e => e.Resource is Patient).FullUrl;
            Assert.All(All<FhirTask>(b), t => Assert.Equal(patientUrl, t.For!.Reference));
        });
    }

    [Fact]
    public void Every_urn_uuid_reference_names_an_entry_of_its_bundle_and_others_name_the_directory()
    {
        var directory = SyntheticPanel.Directory().Entry.Select(e => e.Request!.Url).ToHashSet();
        Assert.All(Panel.Value.Take(300), b =>
        {
            var fullUrls = b.Entry.Select(e => e.FullUrl).ToHashSet();
            Assert.Equal(b.Entry.Count, fullUrls.Count);
            foreach (var reference in b.Entry.SelectMany(e => Descendants(e.Resource!)).OfType<ResourceReference>())
            {
                Assert.Contains(reference.Reference!, reference.Reference!.StartsWith("urn:uuid:", StringComparison.Ordinal) ? fullUrls : directory);
            }
        });
    }

    [Fact]
    public void Medicaid_ids_are_unique_and_no_date_is_after_the_base_date()
    {
        var ids = Panel.Value.Select(b => All<Patient>(b).Single().Identifier[0].Value).ToList();
        // Every recorded date and time is before the base date; only a promised callback (a Task output) may lie ahead.
        var dates = Panel.Value.Take(500).SelectMany(b => b.Entry.SelectMany(e => Descendants(e.Resource!)
            .Where(n => n is not FhirTask.OutputComponent)
            .SelectMany(n => n.EnumerateElements().Select(c => c.Value)).OfType<FhirDateTime>()))
            .Where(d => d.Value!.Length > 10)
            .Select(d => DateTimeOffset.Parse(d.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var latest = dates.Max();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(latest <= SyntheticPanel.BaseDate, $"latest date {latest}");
    }
}
