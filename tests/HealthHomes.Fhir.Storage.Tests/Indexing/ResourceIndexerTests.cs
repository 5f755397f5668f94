using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Storage.Tests.Indexing;

/// <summary>The index rows written for the resources the programs use, from R4's search parameter expressions.</summary>
public sealed class ResourceIndexerTests
{
    private static readonly SearchParameterRegistry Registry = NumberedRegistry();
    private readonly ResourceIndexer _indexer = new(Registry);

    [Fact]
    public void Patient_name_parts_are_indexed_normalised_and_exact()
    {
        var entries = _indexer.Extract(new Patient { Name = [new HumanName { Family = "Ábalos", Given = ["José"] }] });

        var name = Id("Patient", "name");
        Assert.Contains(entries.Strings, s => s.SearchParameterId == name && s.Normalized == "abalos" && s.Value == "Ábalos");
        Assert.Contains(entries.Strings, s => s.SearchParameterId == name && s.Normalized == "jose");
    }

    [Fact]
    public void Patient_gender_carries_the_system_of_its_required_binding()
    {
        var entries = _indexer.Extract(new Patient { Gender = AdministrativeGender.Female });

        Assert.Contains(entries.Tokens, t => t.SearchParameterId == Id("Patient", "gender") && t.Code == "female" && t.System == "http://hl7.org/fhir/administrative-gender");
    }

    [Fact]
    public void Identifier_is_a_token_with_its_type_for_of_type()
    {
        var entries = _indexer.Extract(new Patient
        {
            Identifier = [new Identifier("https://kancare.example/medicaid-id", "KS123") { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MA") }],
        });

        Assert.Contains(entries.Tokens, t => t.SearchParameterId == Id("Patient", "identifier") && t.System == "https://kancare.example/medicaid-id" && t.Code == "KS123"
            && t.IdentifierType == "http://terminology.hl7.org/CodeSystem/v2-0203|MA");
    }

    [Fact]
    public void Task_for_a_Patient_is_indexed_under_patient_and_subject_which_need_resolve()
    {
        var entries = _indexer.Extract(new Hl7.Fhir.Model.Task { Status = Hl7.Fhir.Model.Task.TaskStatus.Completed, Intent = Hl7.Fhir.Model.Task.TaskIntent.Order, For = new ResourceReference("Patient/p1") });

        Assert.Contains(entries.References, r => r.SearchParameterId == Id("Task", "patient") && r.TargetType == "Patient" && r.TargetId == "p1");
        Assert.Contains(entries.References, r => r.SearchParameterId == Id("Task", "subject") && r.TargetId == "p1");
    }

    [Fact]
    public void A_Task_for_a_Group_is_not_indexed_under_patient()
    {
        var entries = _indexer.Extract(new Hl7.Fhir.Model.Task { For = new ResourceReference("Group/g1") });

        Assert.DoesNotContain(entries.References, r => r.SearchParameterId == Id("Task", "patient"));
    }

    [Fact]
    public void EpisodeOfCare_period_becomes_a_date_range_with_an_open_end()
    {
        var entries = _indexer.Extract(new EpisodeOfCare { Period = new Period { Start = "2026-01-15" } });

        var row = Assert.Single(entries.Dates, d => d.SearchParameterId == Id("EpisodeOfCare", "date"));
        Assert.Equal(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc).Ticks, row.Start);
        Assert.Equal(DateTime.MaxValue.Ticks, row.End);
    }

    [Fact]
    public void A_reference_with_only_a_display_and_a_concept_with_only_text_have_no_indexable_value()
    {
        var entries = _indexer.Extract(new CarePlan { Subject = new ResourceReference { Display = "Earleen" }, Category = [new CodeableConcept { Text = "HAP" }] });

        Assert.DoesNotContain(entries.References, r => r.SearchParameterId == Id("CarePlan", "subject"));
        var category = Assert.Single(entries.Tokens, t => t.SearchParameterId == Id("CarePlan", "category"));
        Assert.Null(category.Code);
        Assert.Equal("hap", category.Text);
    }

    [Fact]
    public void Meta_tag_profile_and_security_are_indexed_for_every_type()
    {
        var entries = _indexer.Extract(new Consent
        {
            Meta = new Meta { Tag = [new Coding("urn:t", "a")], Security = [new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "SUD")], Profile = ["https://fhir.healthhomes.example/StructureDefinition/opt-out"] },
        });

        Assert.Contains(entries.Tokens, t => t.SearchParameterId == Id("Consent", "_tag") && t.Code == "a");
        Assert.Contains(entries.Tokens, t => t.SearchParameterId == Id("Consent", "_security") && t.Code == "SUD");
        Assert.Contains(entries.Uris, u => u.SearchParameterId == Id("Consent", "_profile") && u.Uri.EndsWith("opt-out", StringComparison.Ordinal));
    }

    [Fact]
    public void Absolute_references_keep_the_url_and_the_type_and_id()
    {
        var entries = _indexer.Extract(new Encounter { Subject = new ResourceReference("https://other.example/fhir/Patient/9") });

        Assert.Contains(entries.References, r => r.SearchParameterId == Id("Encounter", "subject") && r.Url == "https://other.example/fhir/Patient/9" && r.TargetType == "Patient" && r.TargetId == "9");
    }

    private static int Id(string type, string code) => Registry.TryGet(type, code, out var p) ? p.Id : throw new InvalidOperationException($"{type}.{code} is not registered");

    private static SearchParameterRegistry NumberedRegistry()
    {
        var definitions = SearchParameterDefinitions.R4().ToList();
        var ids = new Dictionary<(string, string), int>();
        foreach (var d in definitions)
        {
            ids.TryAdd((d.ResourceType, d.Code), ids.Count + 1);
        }

        return new SearchParameterRegistry(definitions, ids);
    }
}
