using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace HealthHomes.Fhir.Storage.Indexing.Converters;

/// <summary>A token as indexed: system, code, normalised display text and, for identifiers, the identifier type.</summary>
public readonly record struct TokenValue(string? System, string? Code, string? Text, string? IdentifierType = null);

/// <summary>Token index values of Coding, CodeableConcept, Identifier, ContactPoint and coded/boolean/string primitives.</summary>
public static class ValueToTokens
{
    public static IEnumerable<TokenValue> Convert(Base value)
    {
        switch (value)
        {
            case Coding c:
                if (c.Code is not null || c.System is not null)
                {
                    yield return new(c.System, c.Code, NormalizedOrNull(c.Display));
                }

                break;
            case CodeableConcept cc:
                var any = false;
                foreach (var c in cc.Coding ?? [])
                {
                    if (c.Code is null && c.System is null)
                    {
                        continue;
                    }

                    any = true;
                    yield return new(c.System, c.Code, NormalizedOrNull(cc.Text ?? c.Display));
                }

                if (!any && !string.IsNullOrWhiteSpace(cc.Text))
                {
                    // Text only: searchable with :text, but not an indexable value for :missing.
                    yield return new(null, null, TextNormalizer.Normalize(cc.Text));
                }

                break;
            case Identifier id:
                if (id.Value is not null || id.System is not null)
                {
                    var type = id.Type?.Coding?.FirstOrDefault();
                    yield return new(id.System, id.Value, NormalizedOrNull(id.Type?.Text), type is null ? null : $"{type.System}|{type.Code}");
                }

                break;
            case ContactPoint cp:
                if (cp.Value is not null)
                {
                    yield return new(cp.System?.GetLiteral(), cp.Value, null);
                }

                break;
            case FhirBoolean b when b.Value is not null:
                yield return new(null, b.Value.Value ? "true" : "false", null);
                break;
            case ICoded coded and PrimitiveType:
                // code, and Code<T> with the system its enum binding implies (e.g. Patient.gender).
                foreach (var c in coded.ToCodings())
                {
                    yield return new(c.System, c.Code, null);
                }

                break;
            case PrimitiveType p when p.JsonValue is not null:
                var literal = p.ToString();
                if (!string.IsNullOrEmpty(literal))
                {
                    yield return new(null, literal, null);
                }

                break;
        }
    }

    private static string? NormalizedOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : TextNormalizer.Normalize(text);
}
