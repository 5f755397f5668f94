using Microsoft.Extensions.DependencyInjection.Extensions;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.Server.Operations.Reports;
using HealthHomes.Fhir.Server.Rest;

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
        services.AddReportOperations();
        return services;
    }

    public static RouteGroupBuilder MapProgramOperations(this RouteGroupBuilder fhir)
    {
        ArgumentNullException.ThrowIfNull(fhir);
        fhir.MapGet("/Patient/{id}/$engagement-status", (HttpContext c, string id, HttpFhirRequests r, EngagementStatusOperation op)
            => FhirEndpoint.ReadAsync(c, r.From(c, "Patient", id), op.EvaluateAsync)).WithName("engagement-status");
        fhir.MapPost("/Patient/{id}/$engagement-status", async (HttpContext c, string id, HttpFhirRequests r, EngagementStatusOperation op)
            => await FhirEndpoint.ReadAsync(c, await r.WithBodyAsync(c, "Patient", id), op.EvaluateAsync)).WithName("engagement-status-post");
        fhir.MapGet("/Patient/{id}/$deadline-compliance", (HttpContext c, string id, HttpFhirRequests r, DeadlineComplianceOperation op)
            => FhirEndpoint.ReportAsync(c, r.From(c, "Patient", id), op.EvaluateAsync)).WithName("deadline-compliance-patient");
        fhir.MapPost("/Patient/{id}/$deadline-compliance", async (HttpContext c, string id, HttpFhirRequests r, DeadlineComplianceOperation op)
            => await FhirEndpoint.ReportAsync(c, await r.WithBodyAsync(c, "Patient", id), op.EvaluateAsync)).WithName("deadline-compliance-patient-post");
        fhir.MapReportOperations();
        return fhir;
    }
}
