using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Bench;

/// <summary>Every Reference element inside a resource, at any depth.</summary>
internal static class ResourceReferences
{
    public static IEnumerable<ResourceReference> In(Base element)
    {
        foreach (var (_, value) in element.EnumerateElements())
        {
            var children = value switch
            {
                Base child => [child],
                IEnumerable<Base> many => many,
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is ResourceReference reference)
                {
                    yield return reference;
                }

                foreach (var nested in In(child))
                {
                    yield return nested;
                }
            }
        }
    }
}
