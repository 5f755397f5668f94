using System.Collections.Concurrent;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using HealthHomes.Fhir.Storage.Indexing.Converters;
using HealthHomes.Fhir.Storage.Schema;

namespace HealthHomes.Fhir.Storage.Indexing;

/// <summary>
/// Evaluates every search parameter of a resource's type (FHIRPath from the registry) and converts the values into
/// index rows. Runs at write time, inside the write's transaction; search never evaluates FHIRPath.
/// </summary>
public sealed class ResourceIndexer(SearchParameterRegistry registry)
{
    private static readonly ConcurrentDictionary<string, PocoNode?> ResolvedStubs = new(StringComparer.Ordinal);

    /// <summary>The most index rows one resource may have; past it <see cref="Extract"/> throws <see cref="IndexRowLimitException"/>.</summary>
    public int MaxRowsPerResource { get; init; } = int.MaxValue;

    public ResourceIndexEntries Extract(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var entries = new ResourceIndexEntries();
        var context = new FhirEvaluationContext { ElementResolver = ResolveAsTypedStub };
        foreach (var parameter in registry.ForType(resource.TypeName))
        {
            if (parameter.Kind is not { } kind)
            {
                continue;
            }

            foreach (var value in resource.Select(parameter.Expression!, context))
            {
                if (value is not null)
                {
                    Add(entries, kind, parameter.Id, value);
                }
            }

            if (entries.Count > MaxRowsPerResource)
            {
                throw new IndexRowLimitException(
                    $"The {resource.TypeName} needs more search index rows (one per indexed value; the count passed the limit at search parameter "
                    + $"'{parameter.Code}') than the server's limit of {MaxRowsPerResource} per resource (Storage:MaxIndexRowsPerResource): split it into smaller resources.",
                    parameter.Expression);
            }
        }

        return entries;
    }

    private static void Add(ResourceIndexEntries entries, IndexKind kind, int parameterId, Base value)
    {
        switch (kind)
        {
            case IndexKind.Token:
                foreach (var t in ValueToTokens.Convert(value))
                {
                    entries.Tokens.Add(new TokenIndexRow { SearchParameterId = parameterId, System = t.System, Code = t.Code, Text = t.Text, IdentifierType = t.IdentifierType });
                }

                break;
            case IndexKind.String:
                foreach (var s in ValueToStrings.Convert(value))
                {
                    entries.Strings.Add(new StringIndexRow { SearchParameterId = parameterId, Normalized = TextNormalizer.Normalize(s), Value = s });
                }

                break;
            case IndexKind.Date:
                foreach (var d in ValueToDateRanges.Convert(value))
                {
                    entries.Dates.Add(new DateIndexRow { SearchParameterId = parameterId, Start = d.Start, End = d.End });
                }

                break;
            case IndexKind.Reference:
                foreach (var r in ValueToReferences.Convert(value))
                {
                    r.SearchParameterId = parameterId;
                    entries.References.Add(r);
                }

                break;
            case IndexKind.Number:
                foreach (var n in ValueToNumbers.ConvertNumber(value))
                {
                    n.SearchParameterId = parameterId;
                    entries.Numbers.Add(n);
                }

                break;
            case IndexKind.Quantity:
                foreach (var q in ValueToNumbers.ConvertQuantity(value))
                {
                    q.SearchParameterId = parameterId;
                    entries.Quantities.Add(q);
                }

                break;
            case IndexKind.Uri:
                foreach (var u in ValueToUris.Convert(value))
                {
                    entries.Uris.Add(new UriIndexRow { SearchParameterId = parameterId, Uri = u });
                }

                break;
        }
    }

    /// <summary>
    /// R4 expressions such as "Task.for.where(resolve() is Patient)" need resolve() to know the target's type. At write
    /// time we do not load targets: an empty resource of the type the literal reference names is enough for "is".
    /// </summary>
    private static PocoNode? ResolveAsTypedStub(string reference)
    {
        var parsed = ValueToReferences.Parse(reference);
        if (parsed?.TargetType is not { } type)
        {
            return null;
        }

        return ResolvedStubs.GetOrAdd(type, t =>
            ModelInfo.GetTypeForFhirType(t) is { } clr && Activator.CreateInstance(clr) is Resource stub ? stub.ToPocoNode() : null);
    }
}
