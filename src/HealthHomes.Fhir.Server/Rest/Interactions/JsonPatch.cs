using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Interactions;

/// <summary>
/// JSON Patch (RFC 6902) applied to a resource's JSON as a <see cref="JsonNode"/> tree: add, remove, replace, move,
/// copy and test, with JSON Pointers (RFC 6901). The operations apply in order and all or nothing (the caller works
/// on a copy). A malformed patch document is 400; a well-formed one that cannot apply (missing path, failed test) is
/// 422, naming the operation by its index.
/// </summary>
public static class JsonPatch
{
    public const string MediaType = "application/json-patch+json";

    /// <summary>Applies <paramref name="patchDocument"/> to <paramref name="target"/> and returns the patched document.</summary>
    public static JsonNode Apply(JsonNode target, string patchDocument)
    {
        ArgumentNullException.ThrowIfNull(target);
        var root = target;
        var operations = ParseDocument(patchDocument);
        for (var i = 0; i < operations.Count; i++)
        {
            root = ApplyOne(root, operations[i], i);
        }

        return root;
    }

    private static List<JsonObject> ParseDocument(string patchDocument)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(patchDocument, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw FhirRequestException.BadRequest($"The JSON Patch document is not well-formed JSON: {e.Message}");
        }

        if (parsed is not JsonArray array)
        {
            throw FhirRequestException.BadRequest("A JSON Patch document is a JSON array of operations.");
        }

        return array.Select((op, i) => op as JsonObject ?? throw Malformed(i, "each operation is a JSON object")).ToList();
    }

    private static JsonNode ApplyOne(JsonNode root, JsonObject operation, int index)
    {
        var op = Text(operation, "op", index);
        var path = Pointer.Parse(Text(operation, "path", index), index);
        switch (op)
        {
            case "add":
                return Add(root, path, Value(operation, index), index);
            case "remove":
                Remove(root, path, index);
                return root;
            case "replace":
                if (path.Count > 0)
                {
                    Remove(root, path, index);
                }

                return Add(root, path, Value(operation, index), index);
            case "move":
                var from = Pointer.Parse(Text(operation, "from", index), index);
                if (path.Count > from.Count && path.Take(from.Count).SequenceEqual(from))
                {
                    throw Failed(index, $"cannot move '{Pointer.Format(from)}' into its own child '{Pointer.Format(path)}'");
                }

                var moved = Get(root, from, index)?.DeepClone();
                Remove(root, from, index);
                return Add(root, path, moved, index);
            case "copy":
                return Add(root, path, Get(root, Pointer.Parse(Text(operation, "from", index), index), index)?.DeepClone(), index);
            case "test":
                var actual = Get(root, path, index);
                if (!JsonNode.DeepEquals(actual, Value(operation, index)))
                {
                    throw Failed(index, $"test failed: the value at '{Pointer.Format(path)}' is {actual?.ToJsonString() ?? "null"}, not {operation["value"]?.ToJsonString() ?? "null"}");
                }

                return root;
            default:
                throw Malformed(index, $"'{op}' is not a JSON Patch operation (add, remove, replace, move, copy, test)");
        }
    }

    private static JsonNode Add(JsonNode root, IReadOnlyList<string> path, JsonNode? value, int index)
    {
        if (path.Count == 0)
        {
            return value ?? throw Failed(index, "the whole document cannot be replaced by null");
        }

        var parent = Get(root, path.Take(path.Count - 1).ToList(), index);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                var at = last == "-" ? array.Count : ArrayIndex(array, last, index, allowEnd: true);
                array.Insert(at, value);
                break;
            default:
                throw Failed(index, $"'{Pointer.Format(path)}' has no parent object or array to add to");
        }

        return root;
    }

    private static void Remove(JsonNode root, IReadOnlyList<string> path, int index)
    {
        if (path.Count == 0)
        {
            throw Failed(index, "the whole document cannot be removed");
        }

        var parent = Get(root, path.Take(path.Count - 1).ToList(), index);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array:
                array.RemoveAt(ArrayIndex(array, last, index, allowEnd: false));
                break;
            default:
                throw Failed(index, $"there is nothing at '{Pointer.Format(path)}'");
        }
    }

    private static JsonNode? Get(JsonNode root, IReadOnlyList<string> path, int index)
    {
        var node = root;
        for (var depth = 0; depth < path.Count; depth++)
        {
            var segment = path[depth];
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array => array[ArrayIndex(array, segment, index, allowEnd: false)],
                _ => throw Failed(index, $"there is nothing at '{Pointer.Format(path.Take(depth + 1).ToList())}'"),
            };
            if (node is null && depth < path.Count - 1)
            {
                throw Failed(index, $"there is nothing at '{Pointer.Format(path.Take(depth + 2).ToList())}'");
            }
        }

        return node;
    }

    private static int ArrayIndex(JsonArray array, string segment, int index, bool allowEnd)
    {
        // RFC 6901: an array index is "0" or digits without a leading zero.
        var isIndex = segment.Length > 0 && segment.All(char.IsAsciiDigit) && (segment == "0" || segment[0] != '0');
        if (!isIndex || !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i > array.Count || (i == array.Count && !allowEnd))
        {
            throw Failed(index, $"'{segment}' is not an index of an array of {array.Count} items");
        }

        return i;
    }

    private static string Text(JsonObject operation, string name, int index)
        => operation[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Malformed(index, $"'{name}' is required and must be a string");

    private static JsonNode? Value(JsonObject operation, int index)
        => operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw Malformed(index, "'value' is required");

    private static FhirRequestException Malformed(int index, string reason)
        => FhirRequestException.BadRequest($"JSON Patch operation {index}: {reason}.");

    private static FhirRequestException Failed(int index, string reason)
        => new(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.Processing, $"JSON Patch operation {index} cannot be applied: {reason}.");

    /// <summary>JSON Pointer (RFC 6901): "/a/b~1c/0" is ["a", "b/c", "0"].</summary>
    private static class Pointer
    {
        public static List<string> Parse(string pointer, int index)
        {
            if (pointer.Length == 0)
            {
                return [];
            }

            if (pointer[0] != '/')
            {
                throw Malformed(index, $"'{pointer}' is not a JSON Pointer (it must start with '/')");
            }

            return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        }

        public static string Format(IEnumerable<string> path)
            => string.Concat(path.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
    }
}
