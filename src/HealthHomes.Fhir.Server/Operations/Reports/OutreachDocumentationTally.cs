using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Documentation;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Operations.CareManagement.DeadlineResultParameters;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>What $outreach-documentation-audit audits: the period, the attempts' program (null: all), the exclusive end handed to the domain (periodEnd + 1 day, capped by asOf) and, for a panel, the one organization reported.</summary>
public sealed record AuditScope(ReportPeriod Period, CareProgram? Program, DateOnly AuditEnd, string? Organization);

/// <summary>One KS-OUT-DOC finding with the organization (or <c>unassigned</c>) and the member it belongs to.</summary>
public sealed record AuditedFinding(string Organization, string Member, DocumentationFinding Finding);

/// <summary>
/// Runs <see cref="OutreachDocumentationAudit"/> member by member and sums the per-organization counts across the
/// members and the <see cref="CareManagement.PanelLoader"/> batches. Each finding gets the organization of its attempt
/// the way the domain counts it (the managingOrganization of the first enrollment the attempt belongs to). With
/// <see cref="AuditScope.Organization"/> only that organization's attempts are kept, and its row is reported even when
/// it has none.
/// </summary>
public sealed class OutreachDocumentationTally(AuditScope scope)
{
    private readonly SortedDictionary<string, Counts> _organizations = new(StringComparer.Ordinal);

    /// <summary>Audits one member: adds its counts and returns its findings (kept by the caller for Parameters, streamed for CSV).</summary>
    public IReadOnlyList<AuditedFinding> Add(MemberRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var report = OutreachDocumentationAudit.Audit([record], scope.Period.Start, scope.AuditEnd, scope.Program);
        foreach (var counts in report.Organizations.Where(o => scope.Organization is null || o.Organization == scope.Organization))
        {
            var total = Row(counts.Organization);
            total.AttemptsAudited += counts.AttemptsAudited;
            total.AttemptsWithFindings += counts.AttemptsWithFindings;
            foreach (var (code, count) in counts.FindingsByCode)
            {
                total.ByCode[code] = total.ByCode.GetValueOrDefault(code) + count;
            }
        }

        var enrollments = record.Enrollments();
        var found = report.Findings
            .Select(f => new AuditedFinding(OrganizationOf(record, enrollments, f.Attempt), record.PatientReference, f))
            .Where(f => scope.Organization is null || f.Organization == scope.Organization)
            .ToList();
        return found;
    }

    public Parameters ToParameters(IEnumerable<AuditedFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (scope.Organization is { } scoped)
        {
            Row(scoped);
        }

        var parameters = new Parameters();
        parameters.Add("rule", new Code(RuleIds.KsOutDoc));
        scope.Period.AddTo(parameters);
        foreach (var (organization, counts) in _organizations)
        {
            var row = new Parameters.ParameterComponent { Name = "organization" };
            row.Part.Add(Part("organization", OrganizationValue(organization)));
            row.Part.Add(Part("attemptsAudited", new Integer(counts.AttemptsAudited)));
            row.Part.Add(Part("attemptsWithFindings", new Integer(counts.AttemptsWithFindings)));
            foreach (var code in DocumentationFindingCodes.All)
            {
                row.Part.Add(new Parameters.ParameterComponent
                {
                    Name = "findings",
                    Part = [Part("code", new Code(code)), Part("count", new Integer(counts.ByCode.GetValueOrDefault(code)))],
                });
            }

            parameters.Parameter.Add(row);
        }

        foreach (var (_, _, finding) in findings)
        {
            parameters.Parameter.Add(new Parameters.ParameterComponent
            {
                Name = "finding",
                Part =
                [
                    Part("attempt", new ResourceReference(finding.Attempt)),
                    Part("code", new Code(finding.Code)),
                    Part("expression", new FhirString(finding.Expression)),
                    Part("message", new FhirString(finding.Message)),
                    Part("severity", new Code("warning")),
                ],
            });
        }

        return parameters;
    }

    public static readonly IReadOnlyList<string> CsvHeader = ["organization", "member", "attempt", "code", "expression", "message"];

    public static IReadOnlyList<string?> CsvRow(AuditedFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return [finding.Organization, finding.Member, finding.Finding.Attempt, finding.Finding.Code, finding.Finding.Expression, finding.Finding.Message];
    }

    /// <summary>A reference for an organization, the string <c>unassigned</c> otherwise.</summary>
    public static DataType OrganizationValue(string organization) =>
        organization == OutreachDocumentationAudit.Unassigned ? new FhirString(organization) : new ResourceReference(organization);

    private static string OrganizationOf(MemberRecord record, IReadOnlyList<Enrollment> enrollments, string attempt)
    {
        var task = record.Tasks.FirstOrDefault(t => "Task/" + t.Id == attempt);
        return (task is null ? null : enrollments.FirstOrDefault(e => record.BelongsTo(task, e))?.ManagingOrganization)
            ?? OutreachDocumentationAudit.Unassigned;
    }

    private Counts Row(string organization)
    {
        if (!_organizations.TryGetValue(organization, out var counts))
        {
            counts = new Counts();
            _organizations[organization] = counts;
        }

        return counts;
    }

    private sealed class Counts
    {
        public int AttemptsAudited { get; set; }

        public int AttemptsWithFindings { get; set; }

        public Dictionary<string, int> ByCode { get; } = new(StringComparer.Ordinal);
    }
}
