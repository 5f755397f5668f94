using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>
/// The invariants that sit on (almost) every element, implemented in C# with the same meaning as their FHIRPath,
/// so the hot path does not run the FHIRPath engine once per element.
/// </summary>
internal static class NativeInvariants
{
    public static Func<Base, bool>? For(string key, string expression) => (key, expression) switch
    {
        ("ele-1", "hasValue() or (children().count() > id.count())") => HasValueOrChildren,
        ("ext-1", "extension.exists() != value.exists()") => ExtensionOrValue,
        _ => null,
    };

    private static bool HasValueOrChildren(Base value)
    {
        if (value is PrimitiveType primitive)
        {
            return primitive.JsonValue is not null || primitive.Extension.Count > 0;
        }

        foreach (var element in value.EnumerateElements())
        {
            if (element.Key != "id")
            {
                return true;
            }
        }

        return false;
    }

    private static bool ExtensionOrValue(Base value) =>
        value is not Extension extension || (extension.Extension.Count > 0) != (extension.Value is not null);
}
