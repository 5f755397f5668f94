using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Security;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>The panel report operations ($outreach-documentation-audit, $referral-metrics): their services and routes under /fhir, GET and POST each.</summary>
public static class ReportOperationEndpoints
{
    public static IServiceCollection AddReportOperations(this IServiceCollection services)
    {
        services.AddSingleton<OutreachDocumentationAuditOperation>();
        services.AddSingleton<ReferralMetricsOperation>();
        return services;
    }

    public static RouteGroupBuilder MapReportOperations(this RouteGroupBuilder fhir)
    {
        ArgumentNullException.ThrowIfNull(fhir);
        const string audit = "$" + OutreachDocumentationAuditOperation.Name;
        Map<OutreachDocumentationAuditOperation>(fhir, "/Patient/{id}/" + audit, "Patient", (op, r, s, ct) => op.PatientAsync(r, s, ct));
        Map<OutreachDocumentationAuditOperation>(fhir, "/Organization/{id}/" + audit, "Organization", (op, r, s, ct) => op.OrganizationAsync(r, s, ct));
        Map<OutreachDocumentationAuditOperation>(fhir, "/" + audit, null, (op, r, s, ct) => op.SystemAsync(r, s, ct));
        const string metrics = "$" + ReferralMetricsOperation.Name;
        Map<ReferralMetricsOperation>(fhir, "/Organization/{id}/" + metrics, "Organization", (op, r, s, ct) => op.OrganizationAsync(r, s, ct));
        Map<ReferralMetricsOperation>(fhir, "/" + metrics, null, (op, r, s, ct) => op.SystemAsync(r, s, ct));
        return fhir;
    }

    /// <summary>GET and POST (a Parameters body) of one report route, answered through <see cref="FhirEndpoint.ReportAsync"/> (FHIR or CSV).</summary>
    private static void Map<TOperation>(RouteGroupBuilder fhir, string pattern, string? type, Func<TOperation, FhirRequest, HealthHomes.Fhir.Storage.IResourceReader, CancellationToken, Task<FhirResponse>> run)
        where TOperation : notnull
    {
        var name = pattern.Trim('/').Replace("{id}/", "", StringComparison.Ordinal).Replace('/', '-');
        fhir.MapGet(pattern, (HttpContext c, HttpFhirRequests r, TOperation op)
            => FhirEndpoint.ReportAsync(c, r.From(c, type, Id(c)), (q, s, ct) => run(op, q, s, ct))).WithName(name).Operation(name, RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapPost(pattern, async (HttpContext c, HttpFhirRequests r, TOperation op)
            => await FhirEndpoint.ReportAsync(c, await r.WithBodyAsync(c, type, Id(c)), (q, s, ct) => run(op, q, s, ct))).WithName(name + "-post").Operation(name, RouteAccessDeclarations.ProgramRecordTypes);
    }

    private static string? Id(HttpContext context) => context.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
}
