using System.Net;
using HealthHomes.Fhir.CareManagement.Referrals;
using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>
/// $referral-metrics (ECM-CLR; GET or POST; periodStart, periodEnd, asOf, and at system level owner): closed-loop
/// referral figures per receiving provider (Task.owner) for the period, from the referral Tasks and their versions
/// (<see cref="ReferralMetrics"/>). At Organization/[id] the referrals that organization owns (its row only, zeros
/// when it has none); at the base all referrals, or those of one owner. Also as CSV (one row per provider).
/// OperationDefinition hh-referral-metrics.
/// </summary>
public sealed class ReferralMetricsOperation(ProgramEvaluation evaluation)
{
    public const string Name = "referral-metrics";
    public const string Definition = "https://fhir.healthhomes.example/OperationDefinition/hh-referral-metrics";

    private static readonly HashSet<string> InstanceParameters = ["periodStart", "periodEnd", "asOf"];
    private static readonly HashSet<string> SystemParameters = [.. InstanceParameters, "owner"];

    public async Task<FhirResponse> OrganizationAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = OperationInput.Bind(request, Name, InstanceParameters);
        var (period, asOf) = (ReportPeriod.From(input, Name), input.AsOf(evaluation.Time));
        await OutreachDocumentationAuditOperation.EnsureOrganizationAsync(reader, request.Id!, request.Access, ct).ConfigureAwait(false);
        var owner = "Organization/" + request.Id;
        return await RespondAsync(request, reader, period, asOf, owner, $"referral-metrics-{request.Id}.csv", ct).ConfigureAwait(false);
    }

    public async Task<FhirResponse> SystemAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = OperationInput.Bind(request, Name, SystemParameters);
        var (period, asOf) = (ReportPeriod.From(input, Name), input.AsOf(evaluation.Time));
        var owner = Owner(input.String("owner"));
        return await RespondAsync(request, reader, period, asOf, owner, "referral-metrics.csv", ct).ConfigureAwait(false);
    }

    /// <summary>owner: a relative reference [type]/[id] (Organization, PractitionerRole...); a bare id means Organization/[id].</summary>
    private static string? Owner(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split('/');
        return parts.Length switch
        {
            1 when FhirIds.IsValidId(parts[0]) => "Organization/" + parts[0],
            2 when Hl7.Fhir.Model.ModelInfo.IsKnownResource(parts[0]) && FhirIds.IsValidId(parts[1]) => value,
            _ => throw FhirRequestException.BadRequest($"${Name}: 'owner' must be a reference such as Organization/[id], not '{value}'.", "owner"),
        };
    }

    private async Task<FhirResponse> RespondAsync(FhirRequest request, IResourceReader reader, ReportPeriod period, HealthHomes.Fhir.CareManagement.Calendar.EvaluationMoment asOf, string? owner, string fileName, CancellationToken ct)
    {
        var referrals = await new ReferralLoader(reader).LoadAsync(owner, request.Access, ct).ConfigureAwait(false);
        var report = ReferralMetrics.Compute(referrals.Referrals, referrals.History, period.Start, period.EndExclusive, evaluation.Context(asOf));

        // The search finds the referrals an owner holds now; the report groups by the owner at the cutoff. With an
        // owner asked for, only its row is reported (zeros when it has no referral).
        var providers = owner is null
            ? report.Providers
            : [report.For(owner) ?? ReferralMetricsOutput.Empty(owner)];
        return request.WantsCsv
            ? new FhirResponse(HttpStatusCode.OK) { Csv = CsvTable.Of(fileName, ReferralMetricsOutput.CsvHeader, providers.Select(ReferralMetricsOutput.CsvRow)) }
            : FhirResponse.Of(HttpStatusCode.OK, ReferralMetricsOutput.ToParameters(period, providers));
    }
}
