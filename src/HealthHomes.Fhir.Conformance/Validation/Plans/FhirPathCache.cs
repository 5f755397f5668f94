using System.Collections.Concurrent;
using Hl7.Fhir.FhirPath;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>Invariant expressions compiled once per process: the same core expressions recur on many definitions.</summary>
internal static class FhirPathCache
{
    private static readonly FhirPathCompiler Compiler = CreateCompiler();
    private static readonly ConcurrentDictionary<string, (CompiledExpression? Compiled, string? Error)> Cache = new(StringComparer.Ordinal);

    public static (CompiledExpression? Compiled, string? Error) Get(string expression) => Cache.GetOrAdd(expression, Compile);

    private static (CompiledExpression?, string?) Compile(string expression)
    {
        try
        {
            return (Compiler.Compile(expression), null);
        }
#pragma warning disable CA1031 // an expression the engine cannot compile becomes an information issue, not a crash
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, e.Message);
        }
    }

    private static FhirPathCompiler CreateCompiler()
    {
        var symbols = new SymbolTable();
        symbols.AddStandardFP();
        symbols.AddFhirExtensions();
        return new FhirPathCompiler(BoundedRegexFunctions.Over(symbols));
    }
}
