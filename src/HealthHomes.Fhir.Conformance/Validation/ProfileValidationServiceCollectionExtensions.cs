using HealthHomes.Fhir.Conformance.Specification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthHomes.Fhir.Conformance.Validation;

public static class ProfileValidationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shipped R4 definitions, one <see cref="ProfileSource"/> (load the package into it at startup with
    /// <see cref="ProfileSource.ReplaceAllAsync"/>; uploads go through AddOrUpdateAsync/RemoveAsync) and
    /// <see cref="ProfileValidator"/> as <see cref="IResourceValidator"/>, all singletons.
    /// </summary>
    public static IServiceCollection AddProfileValidation(this IServiceCollection services, ValidationOptions? options = null)
    {
        services.TryAddSingleton(R4BaseDefinitions.Instance);
        services.TryAddSingleton(options ?? new ValidationOptions());
        services.TryAddSingleton(sp => new ProfileSource(sp.GetRequiredService<R4BaseDefinitions>()));
        services.TryAddSingleton<IResourceValidator>(sp => new ProfileValidator(sp.GetRequiredService<ProfileSource>(), sp.GetRequiredService<ValidationOptions>()));
        return services;
    }
}
