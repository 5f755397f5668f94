using System.Net;
using System.Runtime.CompilerServices;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Ecm;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>One member's line of the interaction report: who, the Medi-Cal CIN, the ECM Provider of the enrollment reported and the four category counts.</summary>
public sealed record MemberInteractionLine(string Member, string? MediCalCin, string? EcmProvider, MemberInteractions Interactions);

/// <summary>
/// $ecm-interaction-report (KHS policy E.6.d.i; GET or POST; periodStart, periodEnd, asOf, and at system level
/// organization): per member, the ECM interactions in the four ecm-interaction-category categories during the
/// reporting period (inclusive local dates in America/Los_Angeles, counted by <see cref="InteractionCategories.Count"/>).
/// Organization/[id]/$ecm-interaction-report covers the ECM Provider's panel, /$ecm-interaction-report every ECM
/// member (or one organization's). A member is reported when an ECM enrollment (of the organization, when one is
/// given) overlaps the period. As a MeasureReport (JSON/XML) or as CSV (Accept: text/csv or _format=csv; streamed
/// batch by batch). OperationDefinition hh-ecm-interaction-report.
/// </summary>
public sealed class EcmInteractionReportOperation(PanelLoader panels, ProgramEvaluation evaluation)
{
    public const string Name = "ecm-interaction-report";
    public const string Definition = "https://fhir.healthhomes.example/OperationDefinition/hh-ecm-interaction-report";
    public const string MediCalCinSystem = "https://fhir.healthhomes.example/sid/medi-cal-cin";

    private static readonly HashSet<string> InstanceParameters = ["periodStart", "periodEnd", "asOf"];
    private static readonly HashSet<string> SystemParameters = ["periodStart", "periodEnd", "asOf", "organization"];
    private static readonly ProgramClock Clock = ProgramClock.For(CareProgram.EnhancedCareManagement);

    public async Task<FhirResponse> EvaluateAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var instance = request.ResourceType == "Organization" && request.Id is not null;
        var input = OperationInput.Bind(request, Name, instance ? InstanceParameters : SystemParameters);
        var (start, end) = Period(input);
        var asOf = input.AsOf(evaluation.Time).In(HealthHomes.Fhir.CareManagement.CareProgram.EnhancedCareManagement);
        var organization = instance ? "Organization/" + request.Id : input.OrganizationReference("organization");
        if (organization is not null)
        {
            var id = organization["Organization/".Length..];
            if (await reader.ReadAsync("Organization", id, request.Access, ct).ConfigureAwait(false) is not { IsDeleted: false })
            {
                throw FhirRequestException.NotFound($"{organization} is not known or deleted.");
            }
        }

        var lines = LinesAsync(organization, start, end, request.Access, ct);
        if (request.WantsCsv)
        {
            var name = $"ecm-interactions-{(organization is null ? "all" : organization["Organization/".Length..])}-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv";
            return new FhirResponse(HttpStatusCode.OK) { Csv = new CsvTable(name, InteractionReportCsv.Header, InteractionReportCsv.RowsAsync(lines)) };
        }

        var all = new List<MemberInteractionLine>();
        await foreach (var line in lines.ConfigureAwait(false))
        {
            all.Add(line);
        }

        return FhirResponse.Of(HttpStatusCode.OK, InteractionMeasureReport.Build(all, start, end, asOf, instance ? organization : null));
    }

    /// <summary>periodStart and periodEnd: both required FHIR dates, end not before start.</summary>
    private static (DateOnly Start, DateOnly End) Period(OperationInput input)
    {
        var start = input.Date("periodStart") ?? throw FhirRequestException.BadRequest($"${Name}: periodStart (the first day of the reporting period, yyyy-MM-dd) is required.", "periodStart");
        var end = input.Date("periodEnd") ?? throw FhirRequestException.BadRequest($"${Name}: periodEnd (the last day of the reporting period, yyyy-MM-dd) is required.", "periodEnd");
        return end >= start ? (start, end)
            : throw FhirRequestException.BadRequest($"${Name}: periodEnd {end:yyyy-MM-dd} is before periodStart {start:yyyy-MM-dd}.", "periodEnd");
    }

    private async IAsyncEnumerable<MemberInteractionLine> LinesAsync(string? organization, DateOnly start, DateOnly end, AccessFilter access, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in panels.MembersAsync(new PanelScope(organization, CareProgram.EnhancedCareManagement), access, ct).ConfigureAwait(false))
        {
            foreach (var record in batch)
            {
                if (ReportedEnrollment(record, organization, start, end) is { } enrollment)
                {
                    var cin = record.Patient.Identifier.FirstOrDefault(i => i.System == MediCalCinSystem && !string.IsNullOrEmpty(i.Value))?.Value;
                    yield return new MemberInteractionLine(record.PatientReference, cin, enrollment.ManagingOrganization,
                        InteractionCategories.Count(record, start, end.AddDays(1)));
                }
            }
        }
    }

    /// <summary>The member's ECM enrollment (of the organization, when given) overlapping [start, end], the latest-starting one; null when none.</summary>
    private static Enrollment? ReportedEnrollment(MemberRecord record, string? organization, DateOnly start, DateOnly end) =>
        record.Enrollments()
            .Where(e => e.Program.IsEcm && e.Episode.Status != EpisodeOfCare.EpisodeOfCareStatus.EnteredInError)
            .Where(e => organization is null || EcmProviderDirectory.Normalize(e.ManagingOrganization) == organization)
            .Where(e => Clock.LocalDate(e.Start) <= end && (e.End is not { } ended || Clock.LocalDate(ended) >= start))
            .OrderByDescending(e => e.Start)
            .FirstOrDefault();
}
