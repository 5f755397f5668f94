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
    public void About_fifteen_resources_per_member_with_eight_to_twelve_outreach_attempts()
    {
        var perMember = Panel.Value.Select(b => b.Entry.Count).ToList();
        var attempts = Panel.Value.Select(b => All<FhirTask>(b).Count(t => t.Code!.Coding[0].Code == CodeSystems.OutreachAttempt)).ToList();

        Assert.InRange(perMember.Average(), 14.5, 16.0);
        Assert.All(attempts, n => Assert.InRange(n, 8, 12));
        Assert.InRange(attempts.Average(), 9.5, 10.5);
    }

    [Fact]
    public void Each_member_has_one_patient_enrollment_plan_and_care_team()
    {
        Assert.All(Panel.Value, b =>
        {
            Assert.Single(All<Patient>(b));
            Assert.Single(All<EpisodeOfCare>(b));
            Assert.Single(All<CarePlan>(b));
            Assert.Single(All<CareTeam>(b));
        });
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
        var latest = Panel.Value.SelectMany(All<FhirTask>).Max(t => DateTimeOffset.Parse(t.ExecutionPeriod!.Start!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(latest <= SyntheticPanel.BaseDate, $"latest outreach {latest}");
    }
}
