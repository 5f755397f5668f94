using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Conformance.Tests.Package.PackageFiles;

namespace HealthHomes.Fhir.Conformance.Tests.Package;

/// <summary>KS-OUT-DOC: the hh-out-doc-n invariants of the outreach attempt, on the valid examples and on targeted broken variants.</summary>
public class OutreachDocumentationInvariantTests
{
    private const string Parameters = "https://fhir.healthhomes.example/CodeSystem/hh-task-parameter";
    private const string Reached = "OutreachAttempt-kern-evening-reached.json";
    private const string NoAnswer = "OutreachAttempt-ks-morning-no-answer.json";
    private const string AddressAttempted = "OutreachAttempt-ks-home-visit-address-not-found.json";

    public static TheoryData<string, string> ValidAttempts() => new()
    {
        { Reached, "hh-out-doc-1" }, { Reached, "hh-out-doc-2" }, { Reached, "hh-out-doc-3" }, { Reached, "hh-out-doc-4" },
        { NoAnswer, "hh-out-doc-1" }, { NoAnswer, "hh-out-doc-2" }, { NoAnswer, "hh-out-doc-3" }, { NoAnswer, "hh-out-doc-4" },
        { AddressAttempted, "hh-out-doc-1" }, { AddressAttempted, "hh-out-doc-2" },
    };

    [Theory]
    [MemberData(nameof(ValidAttempts))]
    public void Documented_attempt_satisfies_the_invariant(string file, string key)
        => Assert.True(Example<Hl7.Fhir.Model.Task>(file).IsTrue(Expression(key)));

    [Fact]
    public void Invariants_are_errors_citing_KS_OUT_DOC()
    {
        var constraints = Profile("hh-outreach-attempt").Differential!.Element[0].Constraint;
        Assert.Equal(["hh-out-doc-1", "hh-out-doc-2", "hh-out-doc-3", "hh-out-doc-4"], constraints.Select(c => c.Key));
        Assert.All(constraints, c => Assert.Equal(ConstraintSeverity.Error, c.Severity));
        Assert.All(constraints, c => Assert.StartsWith("KS-OUT-DOC:", c.Human, StringComparison.Ordinal));
    }

    [Fact]
    public void No_phone_or_address_attempted_breaks_hh_out_doc_1()
    {
        var attempt = Example<Hl7.Fhir.Model.Task>(NoAnswer);
        attempt.Input.RemoveAll(i => Is(i.Type, "contact-point-attempted"));
        Assert.False(attempt.IsTrue(Expression("hh-out-doc-1")));
    }

    [Fact]
    public void Contact_point_without_a_number_breaks_hh_out_doc_1()
    {
        var attempt = Example<Hl7.Fhir.Model.Task>(NoAnswer);
        attempt.Input.Single(i => Is(i.Type, "contact-point-attempted")).Value = new ContactPoint { System = ContactPoint.ContactPointSystem.Phone };
        Assert.False(attempt.IsTrue(Expression("hh-out-doc-1")));
    }

    [Theory]
    [InlineData("2026-02-10", false)]
    [InlineData("2026-02", false)]
    [InlineData("2026-02-10T08:15:00-06:00", true)]
    [InlineData("2026-02-10T17:30:00Z", true)]
    public void Start_needs_a_time_of_day_for_hh_out_doc_2(string start, bool valid)
    {
        var attempt = Example<Hl7.Fhir.Model.Task>(NoAnswer);
        attempt.ExecutionPeriod!.Start = start;
        Assert.Equal(valid, attempt.IsTrue(Expression("hh-out-doc-2")));
    }

    [Fact]
    public void Missing_start_breaks_hh_out_doc_2()
    {
        var attempt = Example<Hl7.Fhir.Model.Task>(NoAnswer);
        attempt.ExecutionPeriod = new Period { End = "2026-02-10T08:20:00-06:00" };
        Assert.False(attempt.IsTrue(Expression("hh-out-doc-2")));
    }

    [Theory]
    [InlineData("reached-member")]
    [InlineData("reached-guardian")]
    [InlineData("reached-other-person")]
    public void Reached_person_without_name_breaks_hh_out_doc_3(string outcome)
    {
        var attempt = Example<Hl7.Fhir.Model.Task>(Reached);
        SetOutcome(attempt, outcome);
        attempt.Output.RemoveAll(o => Is(o.Type, "person-reached-name"));
        Assert.False(attempt.IsTrue(Expression("hh-out-doc-3")));
        Assert.True(attempt.IsTrue(Expression("hh-out-doc-4")));
    }

    [Fact]
    public void Reached_person_without_contact_breaks_hh_out_doc_4()
    {
        var attempt = Example<Hl7.Fhir.Model.Task>(Reached);
        attempt.Output.RemoveAll(o => Is(o.Type, "person-reached-contact"));
        Assert.False(attempt.IsTrue(Expression("hh-out-doc-4")));
        Assert.True(attempt.IsTrue(Expression("hh-out-doc-3")));
    }

    [Fact]
    public void Nobody_reached_needs_no_name_or_contact()
    {
        var attempt = Example<Hl7.Fhir.Model.Task>(Reached);
        SetOutcome(attempt, "voicemail-left");
        attempt.Output.RemoveAll(o => Is(o.Type, "person-reached-name") || Is(o.Type, "person-reached-contact"));
        Assert.True(attempt.IsTrue(Expression("hh-out-doc-3")));
        Assert.True(attempt.IsTrue(Expression("hh-out-doc-4")));
    }

    private static string Expression(string key)
        => Profile("hh-outreach-attempt").Differential!.Element[0].Constraint.Single(c => c.Key == key).Expression!;

    private static bool Is(CodeableConcept type, string code) => type.Coding.Any(c => c.System == Parameters && c.Code == code);

    private static void SetOutcome(Hl7.Fhir.Model.Task attempt, string outcome)
        => ((CodeableConcept)attempt.Output.Single(o => Is(o.Type, "outreach-outcome")).Value).Coding[0].Code = outcome;
}
