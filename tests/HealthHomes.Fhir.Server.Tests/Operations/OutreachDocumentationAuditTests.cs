using System.Net;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Tests.Operations.ReportTestData;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>
/// $outreach-documentation-audit (KS-OUT-DOC) through HTTP, at Patient, Organization and system level: the scenario
/// attempts are fully documented; legacy attempts (2025, their own HHP, written without meta.profile) lack a contact
/// point, a time or the reached person's name.
/// </summary>
public sealed class OutreachDocumentationAuditTests(ScenarioServer server) : IClassFixture<ScenarioServer>
{
    private const string Hhp = "audit-legacy-hhp";
    private const string Member = "audit-legacy-member";
    private const string March2025 = "periodStart=2025-03-01&periodEnd=2025-03-31";
    private readonly HttpClient _client = server.CreateFhirClient();

    /// <summary>Idempotent: each test PUTs the same legacy records (same state, whatever the test order).</summary>
    private async Task LegacyAttemptsAsync()
    {
        await PutAsync(_client, Organization(Hhp));
        await PutAsync(_client, Patient(Member));
        await PutAsync(_client, Enrollment("audit-legacy-enrollment", Member, Hhp, "ks-hh", "2025-01-02"));
        // No contact point, date without time: missing-contact-point and missing-time.
        await PutAsync(_client, LegacyAttempt("audit-legacy-1", Member, "audit-legacy-enrollment", "2025-03-03", null, "no-answer"));
        // Reached the member: contact documented, name not: missing-person-name.
        await PutAsync(_client, LegacyAttempt("audit-legacy-2", Member, "audit-legacy-enrollment", "2025-03-10T14:00:00-05:00", "316-555-0999", "reached-member", personPhone: "316-555-0999"));
        // Fully documented.
        await PutAsync(_client, LegacyAttempt("audit-legacy-3", Member, "audit-legacy-enrollment", "2025-03-12T18:30:00-05:00", "316-555-0999", "reached-member", "Dana Test", "316-555-0999"));
        // Outside March: missing-time, audited only in a period that covers June.
        await PutAsync(_client, LegacyAttempt("audit-legacy-4", Member, "audit-legacy-enrollment", "2025-06-10", "316-555-0999", "no-answer"));
    }

    private Task<Parameters> AuditAsync(string path) => ScenarioServer.OperationAsync(_client, path);

    private static Parameters.ParameterComponent OrganizationRow(Parameters audit, string organization) =>
        audit.Parameter.Single(p => p.Name == "organization" && p.Part("organization")?.Value is ResourceReference r && r.Reference == organization);

    private static int FindingCount(Parameters.ParameterComponent row, string code) =>
        int.Parse(row.Part.Single(p => p.Name == "findings" && p.PartCode("code") == code).PartCode("count") ?? "", System.Globalization.CultureInfo.InvariantCulture);

    private static List<(string? Attempt, string? Code)> Findings(Parameters audit) =>
        [.. audit.Parameter.Where(p => p.Name == "finding").Select(f => (f.PartReferences("attempt").SingleOrDefault(), f.PartCode("code")))];

    [Fact]
    public async Task Patient_level_names_each_missing_element_of_the_members_attempts_as_warnings()
    {
        await LegacyAttemptsAsync();

        var audit = await AuditAsync($"Patient/{Member}/$outreach-documentation-audit?{March2025}");

        Assert.Equal("KS-OUT-DOC", audit.Code("rule"));
        Assert.Equal("2025-03-01", audit.Parameter.Single(p => p.Name == "periodStart").Value?.ToString());
        Assert.Equal("2025-03-31", audit.Parameter.Single(p => p.Name == "periodEnd").Value?.ToString());
        Assert.Equal(
            [("Task/audit-legacy-1", "missing-contact-point"), ("Task/audit-legacy-1", "missing-time"), ("Task/audit-legacy-2", "missing-person-name")],
            Findings(audit).Order().ToList());
        var finding = audit.Parameter.First(p => p.Name == "finding" && p.PartCode("code") == "missing-time");
        Assert.Equal("warning", finding.PartCode("severity"));
        Assert.Equal("Task.executionPeriod.start", finding.PartCode("expression"));
        Assert.StartsWith("KS-OUT-DOC:", finding.PartCode("message"), StringComparison.Ordinal);
        Assert.Contains("person-reached-name", audit.Parameter.Single(p => p.Name == "finding" && p.PartCode("code") == "missing-person-name").PartCode("expression"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organization_level_counts_the_panels_attempts_by_finding_code()
    {
        await LegacyAttemptsAsync();

        var audit = await AuditAsync($"Organization/{Hhp}/$outreach-documentation-audit?{March2025}");

        var row = Assert.Single(audit.Parameter, p => p.Name == "organization");
        Assert.Equal($"Organization/{Hhp}", row.PartReferences("organization").Single());
        Assert.Equal("3", row.PartCode("attemptsAudited"));
        Assert.Equal("2", row.PartCode("attemptsWithFindings"));
        Assert.Equal(1, FindingCount(row, "missing-contact-point"));
        Assert.Equal(1, FindingCount(row, "missing-time"));
        Assert.Equal(1, FindingCount(row, "missing-person-name"));
        Assert.Equal(0, FindingCount(row, "missing-date"));
        Assert.Equal(0, FindingCount(row, "missing-person-contact"));
        Assert.Equal(3, Findings(audit).Count);
    }

    [Fact]
    public async Task The_period_is_inclusive_of_periodEnd_and_asOf_caps_it()
    {
        await LegacyAttemptsAsync();

        var year = OrganizationRow(await AuditAsync($"Organization/{Hhp}/$outreach-documentation-audit?periodStart=2025-01-01&periodEnd=2025-06-10"), $"Organization/{Hhp}");
        var untilThird = OrganizationRow(await AuditAsync($"Organization/{Hhp}/$outreach-documentation-audit?{March2025}&asOf=2025-03-03T12:00:00-06:00"), $"Organization/{Hhp}");

        Assert.Equal("4", year.PartCode("attemptsAudited"));
        Assert.Equal(2, FindingCount(year, "missing-time"));
        Assert.Equal("1", untilThird.PartCode("attemptsAudited"));
    }

    [Fact]
    public async Task System_level_reports_every_organization_and_filters_by_organization()
    {
        await LegacyAttemptsAsync();

        var all = await AuditAsync("$outreach-documentation-audit?periodStart=2025-01-01&periodEnd=2026-12-31");
        var one = await AuditAsync($"$outreach-documentation-audit?periodStart=2025-01-01&periodEnd=2026-12-31&organization={Hhp}");

        Assert.Equal("4", OrganizationRow(all, $"Organization/{Hhp}").PartCode("attemptsAudited"));
        Assert.Equal("8", OrganizationRow(all, "Organization/ks-hhp-sedgwick-cmhc").PartCode("attemptsAudited"));
        Assert.Equal("0", OrganizationRow(all, "Organization/ks-hhp-sedgwick-cmhc").PartCode("attemptsWithFindings"));
        Assert.Equal("2", OrganizationRow(all, "Organization/kern-ecm-bakersfield-care-partners").PartCode("attemptsAudited"));
        Assert.Equal($"Organization/{Hhp}", Assert.Single(one.Parameter, p => p.Name == "organization").PartReferences("organization").Single());
        Assert.Equal(4, Findings(one).Count);
        Assert.Equal(4, Findings(all).Count);
    }

    [Fact]
    public async Task Scenario_members_are_fully_documented()
    {
        var panel = await AuditAsync("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodStart=2026-01-01&periodEnd=2026-12-31&program=ks-hh");
        var ecm = await AuditAsync("$outreach-documentation-audit?periodStart=2026-01-01&periodEnd=2026-12-31&program=ecm");

        Assert.Equal("8", OrganizationRow(panel, "Organization/ks-hhp-sedgwick-cmhc").PartCode("attemptsAudited"));
        Assert.Empty(Findings(panel));
        Assert.Equal("2", Assert.Single(ecm.Parameter, p => p.Name == "organization").PartCode("attemptsAudited"));
        Assert.Empty(Findings(ecm));
    }

    [Fact]
    public async Task An_organization_without_attempts_in_the_period_has_a_zero_row()
    {
        var audit = await AuditAsync("Organization/kern-food-bank/$outreach-documentation-audit?periodStart=2026-01-01&periodEnd=2026-12-31");

        var row = Assert.Single(audit.Parameter, p => p.Name == "organization");
        Assert.Equal("0", row.PartCode("attemptsAudited"));
        Assert.Equal(5, row.Part.Count(p => p.Name == "findings"));
    }

    [Fact]
    public async Task Post_with_Parameters_gives_the_same_report()
    {
        await LegacyAttemptsAsync();
        var body = new Parameters();
        body.Add("periodStart", new Date("2025-03-01"));
        body.Add("periodEnd", new Date("2025-03-31"));

        using var response = await _client.SendAsync(HttpMethod.Post, $"Organization/{Hhp}/$outreach-documentation-audit", FhirHttp.Body(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Findings(await response.ReadAsync<Parameters>()).Count);
    }

    [Fact]
    public async Task Csv_has_one_row_per_finding_with_organization_and_member()
    {
        await LegacyAttemptsAsync();

        using var response = await _client.GetAsync($"Organization/{Hhp}/$outreach-documentation-audit?{March2025}&_format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("organization,member,attempt,code,expression,message", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"Organization/{Hhp},Patient/{Member},Task/audit-legacy-1,missing-time,Task.executionPeriod.start,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodEnd=2026-03-31", "periodStart")]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodStart=2026-03-01", "periodEnd")]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodStart=2026-03&periodEnd=2026-03-31", "periodStart")]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-02-30", "periodEnd")]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-02-28", "periodEnd")]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31&periodEnd=2026-04-30", "periodEnd")]
    [InlineData("Organization/ks-hhp-sedgwick-cmhc/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31&organization=x", "organization")]
    [InlineData("Patient/ks-earleen/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31&program=ny-hh", "program")]
    [InlineData("Patient/ks-earleen/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31&asOf=soon", "asOf")]
    [InlineData("Patient/ks-earleen/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31&asOf=2026-02-01", "asOf")]
    [InlineData("$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31&organization=Organization/a b", "organization")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string url, string expression)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains(expression));
    }

    [Theory]
    [InlineData("Organization/no-such-hhp/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31")]
    [InlineData("Patient/no-such-member/$outreach-documentation-audit?periodStart=2026-03-01&periodEnd=2026-03-31")]
    public async Task Unknown_organization_or_member_is_404(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
