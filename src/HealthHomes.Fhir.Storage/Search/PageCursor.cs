using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// A keyset paging position: the sort key values and ResourceKey of the row a page ends (or starts) at, and the
/// direction to read from there. Opaque to clients: base64url of a small JSON array ["n"|"p", sort, values..., key].
/// Nothing is kept on the server, so any node can serve the next page and writes between pages shift nothing.
/// </summary>
internal sealed record PageCursor(bool Backward, string SortSignature, IReadOnlyList<object?> Values, long ResourceKey)
{
    public string Encode()
    {
        var array = new JsonArray { Backward ? "p" : "n", SortSignature };
        foreach (var v in Values)
        {
            array.Add(v switch
            {
                null => null,
                string s => JsonValue.Create(s),
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                _ => throw new InvalidOperationException("unexpected sort value " + v.GetType()),
            });
        }

        array.Add(ResourceKey);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(array.ToJsonString()));
    }

    /// <summary>Decodes a cursor made for the same sort; anything else is an <see cref="InvalidSearchException"/>.</summary>
    public static PageCursor Decode(string token, IReadOnlyList<SortKey> sort)
    {
        var signature = Signature(sort);
        try
        {
            var array = JsonNode.Parse(Base64Url.DecodeFromChars(token))?.AsArray() ?? throw new FormatException();
            if (array.Count != sort.Count + 3 || (string?)array[1] != signature)
            {
                throw new FormatException();
            }

            var backward = (string?)array[0] switch { "n" => false, "p" => true, _ => throw new FormatException() };
            var values = new object?[sort.Count];
            for (var i = 0; i < sort.Count; i++)
            {
                var node = array[i + 2];
                values[i] = node is null ? null : sort[i].ValueType switch
                {
                    SortValueType.Text => (object)node.GetValue<string>(),
                    SortValueType.Integer => node.GetValue<long>(),
                    _ => node.GetValue<double>(),
                };
            }

            return new PageCursor(backward, signature, values, array[^1]!.GetValue<long>());
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidSearchException("The paging cursor is malformed or was made for another sort.", "_cursor");
        }
    }

    public static string Signature(IReadOnlyList<SortKey> sort)
        => string.Join(",", sort.Select(k => k.ToString())) + ";" + sort.Count.ToString(CultureInfo.InvariantCulture);
}
