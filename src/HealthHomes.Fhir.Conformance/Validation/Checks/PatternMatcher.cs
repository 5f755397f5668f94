using System.Collections;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Checks;

/// <summary>
/// pattern[x] semantics: every value the pattern has is present in the instance; for repeating elements each
/// pattern item matches some instance item (so a CodeableConcept with extra codings or text still matches).
/// </summary>
internal static class PatternMatcher
{
    public static bool Matches(Base instance, Base pattern)
    {
        if (pattern is PrimitiveType patternPrimitive)
        {
            return instance is PrimitiveType primitive && Equals(primitive.JsonValue, patternPrimitive.JsonValue) && ChildrenMatch(instance, pattern);
        }

        return ChildrenMatch(instance, pattern);
    }

    private static bool ChildrenMatch(Base instance, Base pattern)
    {
        foreach (var (name, expected) in pattern.EnumerateElements())
        {
            if (pattern is PrimitiveType && name == "value")
            {
                continue;
            }

            if (!instance.TryGetValue(name, out var actual) || actual is null)
            {
                return false;
            }

            if (expected is Base single)
            {
                if (!AnyMatches(actual, single))
                {
                    return false;
                }
            }
            else if (expected is IEnumerable items)
            {
                foreach (var item in items)
                {
                    if (item is Base b && !AnyMatches(actual, b))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static bool AnyMatches(object actual, Base expected)
    {
        if (actual is Base single)
        {
            return Matches(single, expected);
        }

        foreach (var item in (IEnumerable)actual)
        {
            if (item is Base b && Matches(b, expected))
            {
                return true;
            }
        }

        return false;
    }
}
