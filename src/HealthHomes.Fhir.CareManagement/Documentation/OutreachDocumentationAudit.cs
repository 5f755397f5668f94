using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.CareManagement.Documentation;

/// <summary>Finding codes of the KS-OUT-DOC audit.</summary>
public static class DocumentationFindingCodes
{
    public const string MissingContactPoint = "missing-contact-point";
    public const string MissingDate = "missing-date";
    public const string MissingTime = "missing-time";
    public const string MissingPersonName = "missing-person-name";
    public const string MissingPersonContact = "missing-person-contact";

    public static IReadOnlyList<string> All { get; } = [MissingContactPoint, MissingDate, MissingTime, MissingPersonName, MissingPersonContact];
}

/// <summary>One documentation gap of one attempt ("Task/id"), with the FHIRPath of the element that should hold it.</summary>
public sealed record DocumentationFinding(string Rule, string Attempt, string Code, string Expression, string Message);

/// <summary>Per organization (the enrollment's managingOrganization, <c>unassigned</c> when none): attempts audited, attempts with findings, findings by code (all five codes, zeros included).</summary>
public sealed record OrganizationDocumentationCounts(string Organization, int AttemptsAudited, int AttemptsWithFindings, IReadOnlyDictionary<string, int> FindingsByCode);

public sealed record OutreachDocumentationReport(
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<DocumentationFinding> Findings,
    IReadOnlyList<OrganizationDocumentationCounts> Organizations)
{
    public string Rule => RuleIds.KsOutDoc;

    public OrganizationDocumentationCounts? For(string organization) => Organizations.FirstOrDefault(o => o.Organization == organization);
}

/// <summary>
/// KS-OUT-DOC (docs/domain/health-homes.md#ks-out-doc; KanCare: "Attempted address, phone number, date, time, should
/// all be included in each note. Any individual contacted should have name/contact info listed."): audits the outreach
/// attempts made in a period [start, end) of local dates (a "should": findings are warnings,
/// docs/domain/README.md#errors-and-warnings).
/// <list type="bullet">
/// <item>Audited: Tasks with code outreach-attempt and status completed (made; a planned attempt has nothing to
/// document yet), of the given <c>program</c>'s enrollments when one is given, else of all.</item>
/// <item>Dated by executionPeriod.start in the enrollment's program zone; an attempt without it (OutreachAttempt.From gives
/// null) is placed by authoredOn, else meta.lastUpdated, and is audited (missing-date) when none of them exists either.</item>
/// <item>missing-contact-point: no input contact-point-attempted with a ContactPoint value, or an Address with a line,
/// text or city. missing-date: no executionPeriod.start. missing-time: executionPeriod.start without a time part (raw
/// string of 10 characters or fewer). When reached-member / -guardian / -other-person: missing-person-name (no output
/// person-reached-name with text, family or given) and missing-person-contact (no output person-reached-contact with a value).</item>
/// <item>Organization: the managingOrganization of the enrollment the attempt belongs to (MemberRecord.BelongsTo),
/// <c>unassigned</c> when it belongs to none or the enrollment has none.</item>
/// </list>
/// </summary>
public static class OutreachDocumentationAudit
{
    public const string Unassigned = "unassigned";

    private const string P = ProgramCodes.TaskParameterSystem;

    public static OutreachDocumentationReport Audit(IEnumerable<MemberRecord> records, DateOnly periodStart, DateOnly periodEnd, CareProgram? program = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var findings = new List<DocumentationFinding>();
        var counts = new Dictionary<string, (int Audited, int WithFindings, Dictionary<string, int> ByCode)>(StringComparer.Ordinal);

        foreach (var record in records)
        {
            var enrollments = record.Enrollments();
            foreach (var task in record.Tasks.Where(t => t.Status == FhirTask.TaskStatus.Completed
                && t.Code.HasCode(ProgramCodes.TaskCodeSystem, ProgramCodes.OutreachAttempt)))
            {
                var enrollment = enrollments.FirstOrDefault(e => record.BelongsTo(task, e));
                if (program is not null && enrollment?.Program != program)
                {
                    continue;
                }

                var clock = ProgramClock.For(enrollment?.Program ?? program ?? CareProgram.KsHealthHomes);
                var when = OutreachAttempt.From(task, clock.Zone)?.When
                    ?? FhirValues.Instant(task.AuthoredOn, clock.Zone)
                    ?? task.Meta?.LastUpdated;
                if (when is { } instant && (clock.LocalDate(instant) < periodStart || clock.LocalDate(instant) >= periodEnd))
                {
                    continue;
                }

                var taskFindings = Check(task);
                findings.AddRange(taskFindings);
                var organization = enrollment?.ManagingOrganization ?? Unassigned;
                if (!counts.TryGetValue(organization, out var count))
                {
                    count = (0, 0, DocumentationFindingCodes.All.ToDictionary(c => c, _ => 0, StringComparer.Ordinal));
                }

                foreach (var finding in taskFindings)
                {
                    count.ByCode[finding.Code]++;
                }

                counts[organization] = (count.Audited + 1, count.WithFindings + (taskFindings.Count > 0 ? 1 : 0), count.ByCode);
            }
        }

        return new OutreachDocumentationReport(
            periodStart,
            periodEnd,
            findings,
            [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new OrganizationDocumentationCounts(c.Key, c.Value.Audited, c.Value.WithFindings, c.Value.ByCode))]);
    }

    /// <summary>The KS-OUT-DOC findings of one outreach attempt Task (empty when it is fully documented).</summary>
    public static IReadOnlyList<DocumentationFinding> Check(FhirTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var reference = "Task/" + task.Id;
        var result = new List<DocumentationFinding>();
        void Add(string code, string expression, string message) =>
            result.Add(new DocumentationFinding(RuleIds.KsOutDoc, reference, code, expression, $"{RuleIds.KsOutDoc}: {message}"));

        var contactPoint = task.Input(TaskParameterCodes.ContactPointAttempted);
        var hasContactPoint = contactPoint switch
        {
            ContactPoint point => !string.IsNullOrWhiteSpace(point.Value),
            Address address => address.Line.Any(l => !string.IsNullOrWhiteSpace(l)) || !string.IsNullOrWhiteSpace(address.Text) || !string.IsNullOrWhiteSpace(address.City),
            _ => false,
        };
        if (!hasContactPoint)
        {
            Add(DocumentationFindingCodes.MissingContactPoint, Parameter("input", TaskParameterCodes.ContactPointAttempted),
                "the phone number or address attempted is not documented.");
        }

        var start = task.ExecutionPeriod?.Start;
        if (string.IsNullOrWhiteSpace(start))
        {
            Add(DocumentationFindingCodes.MissingDate, "Task.executionPeriod.start", "the date (and time) of the attempt is not documented.");
        }
        else if (start.Length <= 10 || !start.Contains('T', StringComparison.Ordinal))
        {
            Add(DocumentationFindingCodes.MissingTime, "Task.executionPeriod.start", $"the attempt's time of day is not documented (only '{start}').");
        }

        var outcome = task.Output(TaskParameterCodes.Outcome).CodeIn(ProgramCodes.OutcomeSystem);
        if (outcome is OutcomeCodes.ReachedMember or OutcomeCodes.ReachedGuardian or OutcomeCodes.ReachedOtherPerson)
        {
            if (task.Output(TaskParameterCodes.PersonReachedName) is not HumanName name
                || (string.IsNullOrWhiteSpace(name.Text) && string.IsNullOrWhiteSpace(name.Family) && !name.Given.Any(g => !string.IsNullOrWhiteSpace(g))))
            {
                Add(DocumentationFindingCodes.MissingPersonName, Parameter("output", TaskParameterCodes.PersonReachedName),
                    $"the name of the individual contacted ({outcome}) is not documented.");
            }

            if (task.Output(TaskParameterCodes.PersonReachedContact) is not ContactPoint contact || string.IsNullOrWhiteSpace(contact.Value))
            {
                Add(DocumentationFindingCodes.MissingPersonContact, Parameter("output", TaskParameterCodes.PersonReachedContact),
                    $"the contact information of the individual contacted ({outcome}) is not documented.");
            }
        }

        return result;
    }

    private static string Parameter(string element, string code) =>
        $"Task.{element}.where(type.coding.exists(system = '{P}' and code = '{code}')).value";
}
