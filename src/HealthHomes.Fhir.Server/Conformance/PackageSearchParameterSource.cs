using HealthHomes.Fhir.Conformance.Package;
using HealthHomes.Fhir.Storage.Indexing;
using Hl7.Fhir.Utility;

namespace HealthHomes.Fhir.Server.Conformance;

/// <summary>The package's SearchParameter resources (program, population-of-focus, modality, outcome, checklist...), indexed at write time like R4's own.</summary>
public sealed class PackageSearchParameterSource(ConformancePackage package) : ISearchParameterSource
{
    public IEnumerable<SearchParameterDefinition> GetDefinitions()
    {
        foreach (var sp in package.SearchParameters)
        {
            var targets = sp.Target.Select(t => t?.GetLiteral() ?? "").Where(t => t.Length > 0).ToArray();
            foreach (var type in sp.Base.Select(b => b?.GetLiteral()).OfType<string>())
            {
                yield return new SearchParameterDefinition(type, sp.Code!, sp.Type!.Value, SearchParameterDefinitions.ExpressionForType(sp.Expression!, type), targets, sp.Url!, []);
            }
        }
    }
}
