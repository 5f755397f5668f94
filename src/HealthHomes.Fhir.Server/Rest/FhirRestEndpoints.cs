using HealthHomes.Fhir.Server.Operations;
using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Server.Rest.Bundles;
using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Server.Security;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>The FHIR REST route table (https://hl7.org/fhir/R4/http.html), on one screen. Each route points at an interaction handler.</summary>
public static class FhirRestEndpoints
{
    public static IEndpointRouteBuilder MapFhirRest(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup(HttpFhirRequests.BasePath).WithTags("FHIR REST").AddEndpointFilter<ScopeEnforcement>();

        fhir.MapPost("", async (HttpContext c, BundleBodyReader r, BundleInteraction bundle)
            => await FhirEndpoint.StoreAsync(c, await r.ReadAsync(c), bundle.ProcessAsync)).WithName("batch-transaction").BundleEntries();
        fhir.MapGet("/{type}/{id}", (HttpContext c, string type, string id, HttpFhirRequests r, ReadInteraction read)
            => FhirEndpoint.ReadAsync(c, r.From(c, type, id), read.ReadAsync)).WithName("read").Interaction(FhirInteraction.Read);
        fhir.MapGet("/{type}/{id}/_history/{vid}", (HttpContext c, string type, string id, string vid, HttpFhirRequests r, ReadInteraction read)
            => FhirEndpoint.ReadAsync(c, r.From(c, type, id, vid), read.VReadAsync)).WithName("vread").Interaction(FhirInteraction.VRead);
        fhir.MapPost("/{type}", async (HttpContext c, string type, HttpFhirRequests r, CreateInteraction create)
            => await FhirEndpoint.WriteAsync(c, await r.WithBodyAsync(c, type), create.CreateAsync)).WithName("create").Interaction(FhirInteraction.Create);
        fhir.MapPut("/{type}/{id}", async (HttpContext c, string type, string id, HttpFhirRequests r, UpdateInteraction update)
            => await FhirEndpoint.WriteAsync(c, await r.WithBodyAsync(c, type, id), update.UpdateAsync)).WithName("update").Interaction(FhirInteraction.Update);
        fhir.MapPut("/{type}", async (HttpContext c, string type, HttpFhirRequests r, UpdateInteraction update)
            => await FhirEndpoint.WriteAsync(c, await r.WithBodyAsync(c, type), update.ConditionalUpdateAsync)).WithName("conditional-update").Interaction(FhirInteraction.ConditionalUpdate);
        fhir.MapPatch("/{type}/{id}", async (HttpContext c, string type, string id, HttpFhirRequests r, PatchInteraction patch)
            => await FhirEndpoint.WriteAsync(c, await r.WithPatchAsync(c, type, id), patch.PatchAsync)).WithName("patch").Interaction(FhirInteraction.Patch);
        fhir.MapPatch("/{type}", async (HttpContext c, string type, HttpFhirRequests r, PatchInteraction patch)
            => await FhirEndpoint.WriteAsync(c, await r.WithPatchAsync(c, type), patch.ConditionalPatchAsync)).WithName("conditional-patch").Interaction(FhirInteraction.ConditionalPatch);
        fhir.MapDelete("/{type}/{id}", (HttpContext c, string type, string id, HttpFhirRequests r, DeleteInteraction delete)
            => FhirEndpoint.WriteAsync(c, r.From(c, type, id), delete.DeleteAsync)).WithName("delete").Interaction(FhirInteraction.Delete);
        fhir.MapDelete("/{type}", (HttpContext c, string type, HttpFhirRequests r, DeleteInteraction delete)
            => FhirEndpoint.WriteAsync(c, r.From(c, type), delete.ConditionalDeleteAsync)).WithName("conditional-delete").Interaction(FhirInteraction.ConditionalDelete);
        fhir.MapPost("/{type}/$validate", async (HttpContext c, string type, HttpFhirRequests r, ValidateOperation validate)
            => await FhirEndpoint.ReadAsync(c, await r.WithBodyAsync(c, type), validate.ValidateAsync)).WithName("validate-type").Interaction(FhirInteraction.Read);
        fhir.MapPost("/{type}/{id}/$validate", async (HttpContext c, string type, string id, HttpFhirRequests r, ValidateOperation validate)
            => await FhirEndpoint.ReadAsync(c, await r.WithBodyAsync(c, type, id), validate.ValidateAsync)).WithName("validate-instance").Interaction(FhirInteraction.Read);
        fhir.MapGet("/{type}/{id}/$validate", (HttpContext c, string type, string id, HttpFhirRequests r, ValidateOperation validate)
            => FhirEndpoint.ReadAsync(c, r.From(c, type, id), validate.ValidateAsync)).WithName("validate-stored").Interaction(FhirInteraction.Read);
        fhir.MapProgramOperations();
        fhir.MapSmartConfiguration();
        fhir.MapGet("/{type}/{id}/_history", (HttpContext c, string type, string id, HttpFhirRequests r, HistoryInteraction history)
            => FhirEndpoint.ReadAsync(c, r.From(c, type, id), history.HistoryAsync)).WithName("history-instance").Interaction(FhirInteraction.HistoryInstance);
        fhir.MapGet("/{type}/_history", (HttpContext c, string type, HttpFhirRequests r, HistoryInteraction history)
            => FhirEndpoint.ReadAsync(c, r.From(c, type), history.HistoryAsync)).WithName("history-type").Interaction(FhirInteraction.HistoryType);
        fhir.MapGet("/_history", (HttpContext c, HttpFhirRequests r, HistoryInteraction history)
            => FhirEndpoint.ReadAsync(c, r.From(c), history.HistoryAsync)).WithName("history-system").Interaction(FhirInteraction.HistorySystem);
        fhir.MapGet("/{type}", (HttpContext c, string type, HttpFhirRequests r, SearchInteraction search)
            => FhirEndpoint.ReadAsync(c, r.From(c, type), search.SearchAsync)).WithName("search-type").Interaction(FhirInteraction.SearchType);
        fhir.MapPost("/{type}/_search", async (HttpContext c, string type, HttpFhirRequests r, SearchInteraction search)
            => await FhirEndpoint.ReadAsync(c, await r.WithSearchFormAsync(c, type), search.SearchAsync)).WithName("search-type-post").Interaction(FhirInteraction.SearchType);
        fhir.MapGet("/", (HttpContext c, HttpFhirRequests r, SearchInteraction search)
            => FhirEndpoint.ReadAsync(c, r.From(c), search.SearchAsync)).WithName("search-system").Interaction(FhirInteraction.SearchSystem);
        fhir.MapPost("/_search", async (HttpContext c, HttpFhirRequests r, SearchInteraction search)
            => await FhirEndpoint.ReadAsync(c, await r.WithSearchFormAsync(c), search.SearchAsync)).WithName("search-system-post").Interaction(FhirInteraction.SearchSystem);
        fhir.MapMethods("/metadata", ["GET"], (HttpContext c, HttpFhirRequests r, CapabilitiesInteraction capabilities)
            => FhirEndpoint.ReadAsync(c, r.From(c), capabilities.CapabilitiesAsync)).WithName("capabilities").Open();
        fhir.MapMethods("/", ["OPTIONS"], (HttpContext c, HttpFhirRequests r, CapabilitiesInteraction capabilities)
            => FhirEndpoint.ReadAsync(c, r.From(c), capabilities.CapabilitiesAsync)).WithName("capabilities-options").Open();
        fhir.MapMethodNotAllowed("/metadata", "GET").MapMethodNotAllowed("/_history", "GET").MapMethodNotAllowed("/_search", "POST");

        return app;
    }
}
