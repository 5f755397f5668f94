using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation;
using HealthHomes.Fhir.Server.Conformance;
using HealthHomes.Fhir.Server.Operations;
using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Bundles;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Server.Rest.Interactions;
using HealthHomes.Fhir.Server.Security;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Sqlite;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>Wires the rooms together: storage, the REST interactions, errors, logging, health and OpenAPI.</summary>
public static class FhirServerComposition
{
    public static IServiceCollection AddFhirServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FhirServerOptions>(configuration.GetSection(FhirServerOptions.SectionName));
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.SectionName));
        services.AddRequestBodyLimits();
        services.AddFhirSecurity(configuration);

        // The conformance package (profiles/, embedded): a broken file stops the server here, naming the file.
        var package = ConformancePackage.LoadEmbedded();
        services.AddSingleton(package);
        services.AddSingleton<ISearchParameterSource>(new PackageSearchParameterSource(package));

        services.AddSingleton(sp => new SqliteDatabase(DataInContentRoot(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<IHostEnvironment>())));
        services.AddSingleton(sp => sp.GetRequiredService<SqliteDatabase>()
            .InitializeAsync(SearchParameterDefinitions.R4().Concat(sp.GetServices<ISearchParameterSource>().SelectMany(s => s.GetDefinitions())))
            .GetAwaiter().GetResult());
        services.AddSingleton<SqliteResourceStore>();
        services.AddSingleton(sp => sp.GetRequiredService<SqliteResourceStore>().Indexer);
        services.AddSingleton<IResourceStore>(sp => new PackageProtectedStore(
            new CommittedDefinitionsStore(sp.GetRequiredService<SqliteResourceStore>(), sp.GetRequiredService<ProfileSource>(), sp.GetRequiredService<ILogger<ValidationDefinitions>>()),
            package));
        services.AddSingleton(sp => new ConformancePackagePublisher(package, sp.GetRequiredService<SqliteResourceStore>()));

        // Validation: base R4 + meta.profile + configured required profiles on every write, and $validate.
        services.Configure<ValidationSettings>(configuration.GetSection(ValidationSettings.SectionName));
        services.AddProfileValidation();
        services.AddSingleton(sp => new ValidationDefinitions(package, sp.GetRequiredService<SqliteResourceStore>(), sp.GetRequiredService<ProfileSource>(), sp.GetRequiredService<ILogger<ValidationDefinitions>>()));
        services.AddSingleton<WriteValidation>();
        services.AddSingleton<ValidatingWrite>();
        services.AddSingleton<ValidateOperation>();
        services.AddProgramOperations(configuration);

        services.AddSingleton<ResourceBodyReader>();
        services.AddSingleton<HttpFhirRequests>();
        services.AddSingleton<ReadInteraction>();
        services.AddSingleton<CreateInteraction>();
        services.AddSingleton<UpdateInteraction>();
        services.AddSingleton<DeleteInteraction>();
        services.AddSingleton<PatchInteraction>();
        services.AddSingleton<BundleBodyReader>();
        services.AddSingleton<BundleEntryInteractions>();
        services.AddSingleton<TransactionProcessor>();
        services.AddSingleton<BatchProcessor>();
        services.AddSingleton<BundleInteraction>();
        services.AddSingleton<HistoryInteraction>();
        services.AddSingleton<SearchInteraction>();
        services.AddSingleton<CapabilitiesInteraction>();

        // The request edge (HEAD, OperationOutcomes for empty errors, request limits, allowed hosts) runs first of all.
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, RequestEdge>());
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<FhirServerOptions>>((hosts, server) => HostAllowList.AllowPublicHost(hosts, server.Value));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<FhirServerOptions>>((kestrel, server) =>
        {
            kestrel.Limits.MaxRequestLineSize = server.Value.MaxRequestLineBytes * FhirServerOptions.KestrelLimitFactor;
            kestrel.Limits.MaxRequestHeadersTotalSize = server.Value.MaxRequestHeadersBytes * FhirServerOptions.KestrelLimitFactor;
            kestrel.Limits.MaxRequestHeaderCount = server.Value.MaxRequestHeaderCount * FhirServerOptions.KestrelLimitFactor;
        });
        services.AddExceptionHandler<OperationOutcomeExceptionHandler>();
        services.AddProblemDetails();
        services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o => o.SwaggerDoc("v1", new() { Title = "HealthHomes.Fhir", Version = "v1", Description = "FHIR R4 REST API for Medicaid care management." }));
        return services;
    }

    public static WebApplication UseFhirServer(this WebApplication app)
    {
        // Create or migrate the database before the first request.
        app.Services.GetRequiredService<IResourceStore>();
        app.Services.GetRequiredService<ConformancePackagePublisher>().PublishAsync(CancellationToken.None).GetAwaiter().GetResult();
        app.Services.GetRequiredService<ValidationDefinitions>().LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        app.UseExceptionHandler();
        app.UseHttpLogging();
        app.UseRateLimiter();
        app.UseLargeBodyAftermath();
        app.UseSwagger();
        app.UseSwaggerUI();
        app.UseFhirSecurity();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapFhirRest();
        return app;
    }

    /// <summary>A relative data folder is taken from the content root (the server project's folder under `dotnet run`), not from wherever the process was started.</summary>
    private static StorageOptions DataInContentRoot(StorageOptions options, IHostEnvironment environment)
    {
        if (!Path.IsPathRooted(options.DataDirectory))
        {
            options.DataDirectory = Path.Combine(environment.ContentRootPath, options.DataDirectory);
        }

        return options;
    }
}
