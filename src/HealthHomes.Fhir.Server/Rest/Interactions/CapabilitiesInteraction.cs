using System.Net;
using System.Text.RegularExpressions;
using HealthHomes.Fhir.Conformance.Capability;
using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Storage;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using TypeInteraction = Hl7.Fhir.Model.CapabilityStatement.TypeRestfulInteraction;
using SystemInteraction = Hl7.Fhir.Model.CapabilityStatement.SystemRestfulInteraction;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// capabilities (https://hl7.org/fhir/R4/http.html#capabilities): GET [base]/metadata. The statement is built once,
/// from the routes actually mapped under /fhir (so it advertises exactly what the route table serves) and the
/// search parameters the store indexes.
/// </summary>
public sealed partial class CapabilitiesInteraction
{
    /// <summary>Each (HTTP method, route shape under the base) to the interaction it serves; "{}" stands for any route parameter.</summary>
    private static readonly Dictionary<(string Method, string Route), TypeInteraction> TypeRoutes = new()
    {
        [("GET", "{}/{}")] = TypeInteraction.Read,
        [("GET", "{}/{}/_history/{}")] = TypeInteraction.Vread,
        [("PUT", "{}/{}")] = TypeInteraction.Update,
        [("PATCH", "{}/{}")] = TypeInteraction.Patch,
        [("DELETE", "{}/{}")] = TypeInteraction.Delete,
        [("GET", "{}/{}/_history")] = TypeInteraction.HistoryInstance,
        [("GET", "{}/_history")] = TypeInteraction.HistoryType,
        [("POST", "{}")] = TypeInteraction.Create,
        [("GET", "{}")] = TypeInteraction.SearchType,
    };

    private static readonly Dictionary<(string Method, string Route), SystemInteraction[]> SystemRoutes = new()
    {
        [("POST", "")] = [SystemInteraction.Transaction, SystemInteraction.Batch],
        [("GET", "_history")] = [SystemInteraction.HistorySystem],
        [("GET", "")] = [SystemInteraction.SearchSystem],
    };

    private readonly Lazy<CapabilityStatement> _statement;

    /// <summary>How many base URLs (hosts the server answers to) keep their own copy of the secured statement.</summary>
    private const int MaxSecuredBases = 16;

    private readonly bool _secured;

    /// <summary>The statement with rest.security naming the authorization URLs of one base URL (the allowed hosts are few).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CapabilityStatement> _securedByBase = new(StringComparer.Ordinal);

    public CapabilitiesInteraction(IEnumerable<EndpointDataSource> endpoints, SearchParameterRegistry registry, ConformancePackage package, IOptions<FhirServerOptions> options, IOptions<Security.SecurityOptions> security)
    {
        ArgumentNullException.ThrowIfNull(security);
        _secured = security.Value.Enabled;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(package);
        _statement = new(() =>
        {
            var routes = Routes(endpoints);
            var (typeOperations, systemOperations) = PackageOperations(routes, package);
            return CapabilityStatementBuilder.Build(Describe(routes, registry, options.Value.PublicBaseUrl) with
            {
                SupportedProfiles = package.ProfilesByType(),
                TypeOperations = typeOperations,
                SystemOperations = systemOperations,
            });
        });
    }

    public Task<FhirResponse> CapabilitiesAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var statement = _statement.Value;

        // _summary/_elements mark what they return, and the security section names this request's URLs: never touch the cached statement.
        var reshaped = request.Query.Any(p => p.Key is "_summary" or "_elements");
        if (!_secured)
        {
            return Task.FromResult(FhirResponse.Of(HttpStatusCode.OK, reshaped ? (Resource)statement.DeepCopy() : statement));
        }

        var secured = _securedByBase.Count < MaxSecuredBases
            ? _securedByBase.GetOrAdd(request.BaseUrl, WithSecurity)
            : WithSecurity(request.BaseUrl);
        return Task.FromResult(FhirResponse.Of(HttpStatusCode.OK, reshaped ? (Resource)secured.DeepCopy() : secured));
    }

    private CapabilityStatement WithSecurity(string baseUrl)
    {
        var secured = (CapabilityStatement)_statement.Value.DeepCopy();
        foreach (var rest in secured.Rest)
        {
            rest.Security = Security.SmartConfiguration.Security(baseUrl);
        }

        return secured;
    }

    /// <summary>The (method, route shape) pairs mapped under the FHIR base path.</summary>
    internal static HashSet<(string Method, string Route)> Routes(IEnumerable<EndpointDataSource> sources)
    {
        var routes = new HashSet<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!raw.StartsWith(HttpFhirRequests.BasePath, StringComparison.Ordinal))
            {
                continue;
            }

            var shape = RouteParameter().Replace(raw[HttpFhirRequests.BasePath.Length..], "{}").Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add((method, shape));
            }
        }

        return routes;
    }

    private static ServerCapabilities Describe(HashSet<(string Method, string Route)> routes, SearchParameterRegistry registry, string? baseUrl)
    {
        var types = ModelInfo.SupportedResources.Where(t => t is not "Resource" and not "DomainResource").Order(StringComparer.Ordinal).ToList();
        var typeInteractions = TypeRoutes.Where(r => routes.Contains(r.Key)).Select(r => r.Value).ToHashSet();
        var searches = typeInteractions.Contains(TypeInteraction.SearchType);
        return new ServerCapabilities
        {
            SoftwareName = "HealthHomes.Fhir",
            SoftwareVersion = typeof(CapabilitiesInteraction).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            BaseUrl = baseUrl?.TrimEnd('/'),
            ResourceTypes = types,
            TypeInteractions = typeInteractions,
            SystemInteractions = SystemRoutes.Where(r => routes.Contains(r.Key)).SelectMany(r => r.Value).ToHashSet(),
            ConditionalCreate = typeInteractions.Contains(TypeInteraction.Create) && searches,
            ConditionalUpdate = routes.Contains(("PUT", "{}")) && searches,
            ConditionalDelete = routes.Contains(("DELETE", "{}")) && searches,
            UpdateCreate = typeInteractions.Contains(TypeInteraction.Update),
            Operations = routes.Contains(("POST", "{}/$validate")) ? [new OperationFacts(Operations.ValidateOperation.Name, Operations.ValidateOperation.Definition)] : [],
            Includes = searches,
            SearchParameters = types.ToDictionary(
                t => t,
                t => (IReadOnlyList<SearchParameterFacts>)registry.ForType(t).Where(IsSearchable).Select(p => new SearchParameterFacts(p.Code, p.Url, p.Type, p.Targets)).ToList(),
                StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The package's OperationDefinitions that a mapped route serves: a type operation when GET or POST
    /// [type]/$code or [type]/{id}/$code is mapped for one of its resource types, a system operation when $code is
    /// mapped at the base.
    /// </summary>
    internal static (Dictionary<string, IReadOnlyList<OperationFacts>> Types, List<OperationFacts> System) PackageOperations(HashSet<(string Method, string Route)> routes, ConformancePackage package)
    {
        bool Served(string shape) => routes.Contains(("GET", shape)) || routes.Contains(("POST", shape));
        var types = new Dictionary<string, IReadOnlyList<OperationFacts>>(StringComparer.Ordinal);
        var system = new List<OperationFacts>();
        foreach (var definition in package.Resources.OfType<OperationDefinition>().OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            var facts = new OperationFacts(definition.Code ?? "", definition.Url ?? "");
            foreach (var type in definition.Resource.Select(r => r?.ToString()).OfType<string>())
            {
                if (Served($"{type}/${definition.Code}") || Served($"{type}/{{}}/${definition.Code}"))
                {
                    types[type] = [.. types.GetValueOrDefault(type) ?? [], facts];
                }
            }

            if (definition.System == true && Served("$" + definition.Code))
            {
                system.Add(facts);
            }
        }

        return (types, system);
    }

    /// <summary>Composite and special parameters are not indexed, so they are not advertised; _id and _lastUpdated come from the resource row.</summary>
    private static bool IsSearchable(SearchParameterInfo p) => p.Kind is not null || p.Code is "_id" or "_lastUpdated";

    [GeneratedRegex(@"\{[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteParameter();
}
