using HealthHomes.Fhir.CareManagement.Documentation;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Tests.Ecm.EcmTestData;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Tests.Documentation;

public sealed class OutreachDocumentationAuditTests
{
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateOnly April = new(2026, 4, 1);

    private static FhirTask Documented(string id, string? start = "2026-03-10T18:05:00-07:00", string outcome = OutcomeCodes.ReachedGuardian)
    {
        var task = Attempt(id, start, "phone");
        task.Input.Add(Parameter(TaskParameterCodes.ContactPointAttempted, new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "661-555-0118")));
        task.Output.Add(Output(TaskParameterCodes.Outcome, new CodeableConcept(ProgramCodes.OutcomeSystem, outcome)));
        task.Output.Add(Output(TaskParameterCodes.PersonReachedName, new HumanName { Family = "Lopez", Given = ["Ana"] }));
        task.Output.Add(Output(TaskParameterCodes.PersonReachedContact, new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "661-555-0119")));
        return task;
    }

    private static MemberRecord Member(string patientId, string managing, params FhirTask[] tasks) => new()
    {
        Patient = new Patient { Id = patientId },
        Episodes = [EcmEpisode(managing: managing, start: "2026-01-05", id: "enr-" + patientId)],
        Tasks = tasks,
    };

    private static IReadOnlyList<string> Codes(FhirTask task) => [.. OutreachDocumentationAudit.Check(task).Select(f => f.Code)];

    [Fact]
    public void KS_OUT_DOC_a_fully_documented_reached_attempt_has_no_findings()
    {
        Assert.Empty(Codes(Documented("ok")));
    }

    [Fact]
    public void KS_OUT_DOC_missing_contact_point_attempted()
    {
        var task = Documented("no-cp");
        task.Input.RemoveAll(i => i.Type.HasCode(ProgramCodes.TaskParameterSystem, TaskParameterCodes.ContactPointAttempted));
        var emptyAddress = Documented("empty-address");
        emptyAddress.Input.Single(i => i.Type.HasCode(ProgramCodes.TaskParameterSystem, TaskParameterCodes.ContactPointAttempted)).Value = new Address { State = "CA" };

        var finding = Assert.Single(OutreachDocumentationAudit.Check(task));
        Assert.Equal(DocumentationFindingCodes.MissingContactPoint, finding.Code);
        Assert.Equal(RuleIds.KsOutDoc, finding.Rule);
        Assert.Equal("Task/no-cp", finding.Attempt);
        Assert.Contains("code = 'contact-point-attempted'", finding.Expression, StringComparison.Ordinal);
        Assert.Equal([DocumentationFindingCodes.MissingContactPoint], Codes(emptyAddress));
    }

    [Fact]
    public void KS_OUT_DOC_a_date_without_time_is_missing_time_and_no_start_is_missing_date()
    {
        var dateOnly = Documented("date-only", "2026-03-10");
        var noStart = Documented("no-start", null);

        Assert.Equal([DocumentationFindingCodes.MissingTime], Codes(dateOnly));
        Assert.Equal("Task.executionPeriod.start", OutreachDocumentationAudit.Check(dateOnly)[0].Expression);
        Assert.Equal([DocumentationFindingCodes.MissingDate], Codes(noStart));
    }

    [Theory]
    [InlineData(OutcomeCodes.ReachedMember, true)]
    [InlineData(OutcomeCodes.ReachedGuardian, true)]
    [InlineData(OutcomeCodes.ReachedOtherPerson, true)]
    [InlineData(OutcomeCodes.NoAnswer, false)]
    [InlineData(OutcomeCodes.VoicemailLeft, false)]
    public void KS_OUT_DOC_person_name_and_contact_are_required_only_when_someone_was_reached(string outcome, bool required)
    {
        var task = Documented("t", outcome: outcome);
        task.Output.RemoveAll(o => o.Type.HasCode(ProgramCodes.TaskParameterSystem, TaskParameterCodes.PersonReachedName)
            || o.Type.HasCode(ProgramCodes.TaskParameterSystem, TaskParameterCodes.PersonReachedContact));

        Assert.Equal(required ? [DocumentationFindingCodes.MissingPersonName, DocumentationFindingCodes.MissingPersonContact] : [], Codes(task));
    }

    [Fact]
    public void KS_OUT_DOC_an_empty_name_or_a_contact_without_value_count_as_missing()
    {
        var task = Documented("blank");
        task.Output.Single(o => o.Type.HasCode(ProgramCodes.TaskParameterSystem, TaskParameterCodes.PersonReachedName)).Value = new HumanName();
        task.Output.Single(o => o.Type.HasCode(ProgramCodes.TaskParameterSystem, TaskParameterCodes.PersonReachedContact)).Value = new ContactPoint { System = ContactPoint.ContactPointSystem.Phone };

        Assert.Equal([DocumentationFindingCodes.MissingPersonName, DocumentationFindingCodes.MissingPersonContact], Codes(task));
    }

    [Fact]
    public void KS_OUT_DOC_counts_per_organization_include_an_attempt_without_start_and_skip_other_periods_and_planned_attempts()
    {
        var noCp = Documented("a-no-cp");
        noCp.Input.RemoveAll(i => i.Type.HasCode(ProgramCodes.TaskParameterSystem, TaskParameterCodes.ContactPointAttempted));
        var noStart = Documented("a-no-start", null);
        var february = Documented("a-feb", "2026-02-27T10:00:00-08:00");
        var planned = Documented("a-planned", "2026-03-10");
        planned.Status = FhirTask.TaskStatus.Requested;
        var memberA = Member("pa", "Organization/ecm-a", Documented("a-ok"), noCp, noStart, february, planned);
        var memberB = Member("pb", "Organization/ecm-b", Documented("b-date-only", "2026-03-12"));

        var report = OutreachDocumentationAudit.Audit([memberA, memberB], March, April);

        var a = report.For("Organization/ecm-a")!;
        Assert.Equal(3, a.AttemptsAudited);
        Assert.Equal(2, a.AttemptsWithFindings);
        Assert.Equal(1, a.FindingsByCode[DocumentationFindingCodes.MissingContactPoint]);
        Assert.Equal(1, a.FindingsByCode[DocumentationFindingCodes.MissingDate]);
        Assert.Equal(0, a.FindingsByCode[DocumentationFindingCodes.MissingTime]);
        var b = report.For("Organization/ecm-b")!;
        Assert.Equal(1, b.AttemptsAudited);
        Assert.Equal(1, b.FindingsByCode[DocumentationFindingCodes.MissingTime]);
        Assert.Equal(["Task/a-no-cp", "Task/a-no-start", "Task/b-date-only"], report.Findings.Select(f => f.Attempt));
    }
}
