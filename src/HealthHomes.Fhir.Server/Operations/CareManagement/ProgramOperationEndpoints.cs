using Microsoft.Extensions.DependencyInjection.Extensions;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.Server.Operations.Reports;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Security;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>The program operations (OperationDefinitions in profiles/): their services and their routes under /fhir.</summary>
public static class ProgramOperationEndpoints
{
    public static IServiceCollection AddProgramOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CareManagementSettings>(configuration.GetSection("CareManagement"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProgramEvaluation>();
        services.AddSingleton<MemberRecordLoader>(sp => new MemberRecordLoader(sp.GetRequiredService<HealthHomes.Fhir.Storage.IResourceStore>()));
        services.AddSingleton<EngagementStatusOperation>();
        services.AddSingleton<DeadlineComplianceOperation>();
        services.AddSingleton(sp => new PanelLoader(sp.GetRequiredService<HealthHomes.Fhir.Storage.IResourceStore>(), sp.GetRequiredService<MemberRecordLoader>()));
        services.AddSingleton<PanelDeadlineComplianceOperation>();
        services.AddSingleton<PanelEngagementStatusOperation>();
        services.AddSingleton<AssignEcmProviderOperation>();
        services.AddSingleton<EcmInteractionReportOperation>();
        services.AddReportOperations();
        return services;
    }

    public static RouteGroupBuilder MapProgramOperations(this RouteGroupBuilder fhir)
    {
        ArgumentNullException.ThrowIfNull(fhir);
        fhir.MapGet("/Patient/$engagement-status", (HttpContext c, HttpFhirRequests r, PanelEngagementStatusOperation op)
            => FhirEndpoint.ReadAsync(c, r.From(c, "Patient"), op.EvaluateAsync)).WithName("engagement-status-panel").Operation("$engagement-status", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapGet("/Patient/{id}/$engagement-status", (HttpContext c, string id, HttpFhirRequests r, EngagementStatusOperation op)
            => FhirEndpoint.ReadAsync(c, r.From(c, "Patient", id), op.EvaluateAsync)).WithName("engagement-status").Operation("$engagement-status", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapPost("/Patient/{id}/$engagement-status", async (HttpContext c, string id, HttpFhirRequests r, EngagementStatusOperation op)
            => await FhirEndpoint.ReadAsync(c, await r.WithBodyAsync(c, "Patient", id), op.EvaluateAsync)).WithName("engagement-status-post").Operation("$engagement-status", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapGet("/Patient/{id}/$deadline-compliance", (HttpContext c, string id, HttpFhirRequests r, DeadlineComplianceOperation op)
            => FhirEndpoint.ReportAsync(c, r.From(c, "Patient", id), op.EvaluateAsync)).WithName("deadline-compliance-patient").Operation("$deadline-compliance", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapPost("/Patient/{id}/$deadline-compliance", async (HttpContext c, string id, HttpFhirRequests r, DeadlineComplianceOperation op)
            => await FhirEndpoint.ReportAsync(c, await r.WithBodyAsync(c, "Patient", id), op.EvaluateAsync)).WithName("deadline-compliance-patient-post").Operation("$deadline-compliance", RouteAccessDeclarations.ProgramRecordTypes);
        foreach (var method in new[] { "GET", "POST" })
        {
            fhir.MapMethods("/EpisodeOfCare/{id}/$deadline-compliance", [method], async (HttpContext c, string id, HttpFhirRequests r, PanelDeadlineComplianceOperation op)
                => await FhirEndpoint.ReportAsync(c, await BodyIfPostAsync(c, r, "EpisodeOfCare", id), op.EpisodeAsync)).WithName("deadline-compliance-episode-" + method).Operation("$deadline-compliance", RouteAccessDeclarations.ProgramRecordTypes);
            fhir.MapMethods("/Organization/{id}/$deadline-compliance", [method], async (HttpContext c, string id, HttpFhirRequests r, PanelDeadlineComplianceOperation op)
                => await FhirEndpoint.ReportAsync(c, await BodyIfPostAsync(c, r, "Organization", id), op.OrganizationAsync)).WithName("deadline-compliance-organization-" + method).Operation("$deadline-compliance", RouteAccessDeclarations.ProgramRecordTypes);
            fhir.MapMethods("/$deadline-compliance", [method], async (HttpContext c, HttpFhirRequests r, PanelDeadlineComplianceOperation op)
                => await FhirEndpoint.ReportAsync(c, await BodyIfPostAsync(c, r, null, null), op.SystemAsync)).WithName("deadline-compliance-system-" + method).Operation("$deadline-compliance", RouteAccessDeclarations.ProgramRecordTypes);
        }

        fhir.MapGet("/Patient/{id}/$assign-ecm-provider", (HttpContext c, string id, HttpFhirRequests r, AssignEcmProviderOperation op)
            => FhirEndpoint.ReadAsync(c, r.From(c, "Patient", id), op.DryRunAsync)).WithName("assign-ecm-provider").Operation("$assign-ecm-provider", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapPost("/Patient/{id}/$assign-ecm-provider", async (HttpContext c, string id, HttpFhirRequests r, AssignEcmProviderOperation op)
            => await FhirEndpoint.WriteAsync(c, await r.WithBodyAsync(c, "Patient", id), op.AssignAsync)).WithName("assign-ecm-provider-post").Operation("$assign-ecm-provider", RouteAccessDeclarations.ProgramRecordTypes, "EpisodeOfCare", "CareTeam", "Communication");
        fhir.MapGet("/Organization/{id}/$ecm-interaction-report", (HttpContext c, string id, HttpFhirRequests r, EcmInteractionReportOperation op)
            => FhirEndpoint.ReportAsync(c, r.From(c, "Organization", id), op.EvaluateAsync)).WithName("ecm-interaction-report-organization").Operation("$ecm-interaction-report", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapPost("/Organization/{id}/$ecm-interaction-report", async (HttpContext c, string id, HttpFhirRequests r, EcmInteractionReportOperation op)
            => await FhirEndpoint.ReportAsync(c, await r.WithBodyAsync(c, "Organization", id), op.EvaluateAsync)).WithName("ecm-interaction-report-organization-post").Operation("$ecm-interaction-report", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapGet("/$ecm-interaction-report", (HttpContext c, HttpFhirRequests r, EcmInteractionReportOperation op)
            => FhirEndpoint.ReportAsync(c, r.From(c, null, null), op.EvaluateAsync)).WithName("ecm-interaction-report").Operation("$ecm-interaction-report", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapPost("/$ecm-interaction-report", async (HttpContext c, HttpFhirRequests r, EcmInteractionReportOperation op)
            => await FhirEndpoint.ReportAsync(c, await r.WithBodyAsync(c, null, null), op.EvaluateAsync)).WithName("ecm-interaction-report-post").Operation("$ecm-interaction-report", RouteAccessDeclarations.ProgramRecordTypes);
        fhir.MapReportOperations();
        return fhir;
    }

    /// <summary>GET: the query only; POST: the Parameters body too.</summary>
    private static async Task<FhirRequest> BodyIfPostAsync(HttpContext context, HttpFhirRequests requests, string? type, string? id) =>
        HttpMethods.IsPost(context.Request.Method) ? await requests.WithBodyAsync(context, type, id) : requests.From(context, type, id);
}
