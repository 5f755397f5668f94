using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Conformance;

/// <summary>
/// The definitions the validator uses: the package's StructureDefinitions, ValueSets and CodeSystems plus the ones
/// clients uploaded into the store. Loaded into the <see cref="ProfileSource"/> at startup, so that every server node
/// on one database validates alike after a restart; later uploads are applied as they commit (<see cref="CommittedDefinitionsStore"/>).
/// </summary>
public sealed partial class ValidationDefinitions(ConformancePackage package, IResourceStore store, ProfileSource source, ILogger<ValidationDefinitions> logger)
{
    public static readonly string[] Types = ["StructureDefinition", "ValueSet", "CodeSystem"];

    public static bool IsDefinition(string resourceType) => Types.Contains(resourceType, StringComparer.Ordinal);

    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var definitions = package.Resources.Where(r => IsDefinition(r.TypeName)).ToList();
        var packaged = definitions.Count;
        foreach (var type in Types)
        {
            await foreach (var stored in StoredAsync(type, ct).ConfigureAwait(false))
            {
                if (!package.Contains(stored.ResourceType, stored.Id) && stored.Json is { } json
                    && FhirSerialization.ParseJson(json) is IVersionableConformanceResource { Url.Length: > 0 } uploaded)
                {
                    definitions.Add((Resource)uploaded);
                }
            }
        }

        var problems = await source.ReplaceAllAsync(definitions, ct).ConfigureAwait(false);
        foreach (var problem in problems)
        {
            LogProblem(logger, string.Join(",", problem.Expression), problem.Diagnostics ?? problem.Details?.Text ?? "");
        }

        return definitions.Count - packaged;
    }

    private async IAsyncEnumerable<StoredResource> StoredAsync(string type, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        IReadOnlyList<KeyValuePair<string, string>>? parameters = [new("_count", "500")];
        while (parameters is not null)
        {
            var page = await store.SearchAsync(new SearchRequest(type, parameters), AccessFilter.Everything, ct).ConfigureAwait(false);
            foreach (var match in page.Matches)
            {
                yield return match;
            }

            parameters = page.NextParameters;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validation definitions: {Expression}: {Diagnostics}")]
    internal static partial void LogProblem(ILogger logger, string expression, string diagnostics);
}
