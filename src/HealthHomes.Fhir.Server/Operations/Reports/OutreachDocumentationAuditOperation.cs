using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>
/// $outreach-documentation-audit (KS-OUT-DOC; GET or POST; periodStart, periodEnd, program, asOf, and at system level
/// organization): the outreach attempts made in the period whose documentation lacks the contact point, date, time,
/// or the name or contact of the person reached (<see cref="CareManagement.Documentation.OutreachDocumentationAudit"/>),
/// with counts per organization. At Patient/[id] one member; at Organization/[id] the organization's panel (its
/// attempts only); at the base every panel, or one organization's. Also as CSV (one row per finding).
/// OperationDefinition hh-outreach-documentation-audit.
/// </summary>
public sealed class OutreachDocumentationAuditOperation(MemberRecordLoader loader, PanelLoader panel, ProgramEvaluation evaluation)
{
    public const string Name = "outreach-documentation-audit";
    public const string Definition = "https://fhir.healthhomes.example/OperationDefinition/hh-outreach-documentation-audit";

    private static readonly HashSet<string> InstanceParameters = ["periodStart", "periodEnd", "program", "asOf"];
    private static readonly HashSet<string> SystemParameters = [.. InstanceParameters, "organization"];

    public async Task<FhirResponse> PatientAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = Scope(OperationInput.Bind(request, Name, InstanceParameters), null);
        var record = await loader.LoadAsync(request.Id!, request.Access, ct).ConfigureAwait(false);
        return await RespondAsync(request, scope, One(record), $"outreach-documentation-audit-{request.Id}.csv", ct).ConfigureAwait(false);
    }

    public async Task<FhirResponse> OrganizationAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var input = OperationInput.Bind(request, Name, InstanceParameters);
        var scope = Scope(input, "Organization/" + request.Id);
        await EnsureOrganizationAsync(reader, request.Id!, request.Access, ct).ConfigureAwait(false);
        var members = panel.MembersAsync(new PanelScope(scope.Organization, scope.Program), request.Access, ct);
        return await RespondAsync(request, scope, members, $"outreach-documentation-audit-{request.Id}.csv", ct).ConfigureAwait(false);
    }

    public async Task<FhirResponse> SystemAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = OperationInput.Bind(request, Name, SystemParameters);
        var scope = Scope(input, OrganizationFilter(input.String("organization")));
        var members = panel.MembersAsync(new PanelScope(scope.Organization, scope.Program), request.Access, ct);
        return await RespondAsync(request, scope, members, "outreach-documentation-audit.csv", ct).ConfigureAwait(false);
    }

    /// <summary>404 unless the Organization exists (and is not deleted) for the caller.</summary>
    public static async Task EnsureOrganizationAsync(IResourceReader reader, string id, AccessFilter access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (await reader.ReadAsync("Organization", id, access, ct).ConfigureAwait(false) is not { IsDeleted: false, Json: not null })
        {
            throw FhirRequestException.NotFound($"Organization/{id} is not known or deleted.");
        }
    }

    /// <summary>An organization filter: "Organization/[id]" or a bare id; anything else is a 400 naming <paramref name="parameter"/>.</summary>
    public static string? OrganizationFilter(string? value, string parameter = "organization", string operation = Name)
    {
        if (value is null)
        {
            return null;
        }

        var id = value.StartsWith("Organization/", StringComparison.Ordinal) ? value["Organization/".Length..] : value;
        return FhirIds.IsValidId(id)
            ? "Organization/" + id
            : throw FhirRequestException.BadRequest($"${operation}: '{parameter}' must be an Organization reference (Organization/[id]) or id, not '{value}'.", parameter);
    }

    /// <summary>
    /// The period, program and organization; asOf (default now) caps the audit: attempts dated after asOf's date (as
    /// written, in its offset) are not audited. A period starting after asOf is a 400 naming asOf.
    /// </summary>
    private AuditScope Scope(OperationInput input, string? organization)
    {
        var period = ReportPeriod.From(input, Name);
        var program = input.Program();
        var asOfDate = input.AsOf(evaluation.Time).CalendarDate;
        if (asOfDate < period.Start)
        {
            throw FhirRequestException.BadRequest(
                $"${Name}: the period starts ({period.Start:yyyy-MM-dd}) after asOf ({asOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}): no attempt has been made in it yet.", "asOf");
        }

        var end = period.EndExclusive <= asOfDate ? period.EndExclusive : asOfDate.AddDays(1);
        return new AuditScope(period, program, end, organization);
    }

    private static async Task<FhirResponse> RespondAsync(FhirRequest request, AuditScope scope, IAsyncEnumerable<IReadOnlyList<MemberRecord>> members, string fileName, CancellationToken ct)
    {
        var tally = new OutreachDocumentationTally(scope);
        if (request.WantsCsv)
        {
            return new FhirResponse(HttpStatusCode.OK) { Csv = new CsvTable(fileName, OutreachDocumentationTally.CsvHeader, Rows(tally, members, ct)) };
        }

        var findings = new List<AuditedFinding>();
        await foreach (var batch in members.WithCancellation(ct).ConfigureAwait(false))
        {
            foreach (var record in batch)
            {
                findings.AddRange(tally.Add(record));
            }
        }

        return FhirResponse.Of(HttpStatusCode.OK, tally.ToParameters(findings));
    }

    /// <summary>The CSV rows, produced batch by batch as the table is written.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(OutreachDocumentationTally tally, IAsyncEnumerable<IReadOnlyList<MemberRecord>> members, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in members.WithCancellation(ct).ConfigureAwait(false))
        {
            foreach (var finding in batch.SelectMany(tally.Add))
            {
                yield return OutreachDocumentationTally.CsvRow(finding);
            }
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<MemberRecord>> One(MemberRecord record)
    {
        await System.Threading.Tasks.Task.CompletedTask.ConfigureAwait(false);
        yield return [record];
    }
}
