using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>
/// Turns each slice's discriminator targets into expectations: the fixed/pattern value, type or presence the
/// discriminator path must show. Discriminators that cannot be turned into one (profile, position, FHIRPath
/// functions in the path, values given only by a binding) mark the slicing unsupported.
/// </summary>
internal static class SliceExpectations
{
    public static void Compile(ElementPlan sliced, SlicingPlan slicing)
    {
        foreach (var slice in slicing.Slices)
        {
            var expectations = new SliceExpectation[slicing.Discriminators.Length];
            for (var i = 0; i < expectations.Length; i++)
            {
                var d = slicing.Discriminators[i];
                var (expectation, problem) = For(d, slice);
                if (expectation is null)
                {
                    slicing.UnsupportedReason ??= $"slicing of {sliced.Path} by {d.Type} discriminator '{d.Path}' (slice {slice.Name}: {problem})";
                    expectations = [];
                    break;
                }

                expectations[i] = expectation;
            }

            slice.Expectations = expectations;
        }
    }

    private static (SliceExpectation? Expectation, string Problem) For(ElementDefinition.DiscriminatorComponent d, SlicePlan slice)
    {
        var path = d.Path is null or "$this" ? [] : d.Path.Split('.');
        if (path.Any(p => p.Contains('(', StringComparison.Ordinal)))
        {
            return (null, "FHIRPath functions in discriminator paths are not supported");
        }

        var target = slice.Element;
        foreach (var segment in path)
        {
            if (!target.Children.TryGetValue(PlanCompiler.ElementName(segment), out var next))
            {
                target = null;
                break;
            }

            target = next;
        }

        switch (d.Type)
        {
            case ElementDefinition.DiscriminatorType.Value or ElementDefinition.DiscriminatorType.Pattern:
                var value = target?.Fixed ?? target?.Pattern;
                if (value is null && path is ["url"] && slice.Element.TypeProfiles?.GetValueOrDefault("Extension") is [var extensionUrl, ..])
                {
                    return (new SliceExpectation(path, d.Type.Value, new FhirUri(extensionUrl), false, null, null), string.Empty);
                }

                return value is null
                    ? (null, "the slice gives no fixed or pattern value at the discriminator path")
                    : (new SliceExpectation(path, d.Type.Value, value, target!.Fixed is null, null, null), string.Empty);
            case ElementDefinition.DiscriminatorType.Type:
                var types = target?.Types ?? [];
                return types.Length == 1
                    ? (new SliceExpectation(path, d.Type.Value, null, false, types[0], null), string.Empty)
                    : (null, "the slice does not narrow the discriminator path to one type");
            case ElementDefinition.DiscriminatorType.Exists:
                bool? exists = target is null ? null : target.Min >= 1 ? true : target.Max == 0 ? false : null;
                return exists is null
                    ? (null, "the slice neither requires nor forbids the discriminator path")
                    : (new SliceExpectation(path, d.Type.Value, null, false, null, exists), string.Empty);
            default:
                return (null, $"discriminator type {d.Type} is not supported");
        }
    }
}
