using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>
/// The grammar of SMART resource scopes (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources):
/// <c>context/Type.permissions[?restriction]</c>, where context is <c>patient</c>, <c>user</c> or <c>system</c>, Type a FHIR R4
/// resource type or <c>*</c>, and permissions either SMART v1's <c>read</c>, <c>write</c> or <c>*</c>
/// (https://hl7.org/fhir/smart-app-launch/1.0.0/scopes-and-launch-context/index.html) or a non-empty ordered subsequence of
/// <c>cruds</c>. Only v2 scopes carry a restriction (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters).
/// </summary>
internal static class ResourceScopeGrammar
{
    private const string PermissionLetters = "cruds";

    private static readonly string[] ContextNames = ["patient", "user", "system"];

    private static readonly FrozenSet<string> ResourceTypes = ModelInfo.SupportedResources.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="token"/> is meant as a resource scope: its prefix is a context in any case
    /// (<c>Patient/Task.read</c>), or it is a word, a slash, a name and a dot (<c>foo/Task.read</c>). Other scopes with a slash,
    /// such as <c>launch/patient</c>, or URIs such as <c>https://example.org/a.b</c>, are not.
    /// </summary>
    public static bool LooksLikeResourceScope(string token)
    {
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var prefix = token[..slash];
        if (ContextNames.Any(name => string.Equals(name, prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var dot = token.IndexOf('.', slash);
        return prefix.All(char.IsAsciiLetter) && dot > slash + 1 && token.AsSpan(slash + 1, dot - slash - 1).IndexOfAny('/', '?') < 0;
    }

    /// <summary>Parses one resource scope; false when it breaks the grammar (it then grants nothing).</summary>
    public static bool TryParse(string token, [NotNullWhen(true)] out ResourceScope? scope)
    {
        scope = null;
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        var query = token.IndexOf('?', StringComparison.Ordinal);
        var body = query < 0 ? token : token[..query];
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        if (slash <= 0 || dot < slash || ParseContext(token[..slash]) is not { } context)
        {
            return false;
        }

        var type = body[(slash + 1)..dot];
        if (!IsResourceType(type) || ParsePermissions(body[(dot + 1)..]) is not var (permissions, isV1))
        {
            return false;
        }

        IReadOnlyList<KeyValuePair<string, string>> restriction = [];
        if (query >= 0)
        {
            if (isV1 || ParseRestriction(token[(query + 1)..]) is not { } parsed)
            {
                return false;
            }

            restriction = parsed;
        }

        scope = new ResourceScope(context, type, permissions, restriction, token);
        return true;
    }

    private static ScopeContext? ParseContext(string prefix) => prefix switch
    {
        "patient" => ScopeContext.Patient,
        "user" => ScopeContext.User,
        "system" => ScopeContext.System,
        _ => null,
    };

    /// <summary>
    /// A concrete FHIR R4 resource type, spelled exactly (<see cref="ModelInfo.IsKnownResource(string)"/> also takes
    /// <c>observation</c>), or <c>*</c>; the abstract Resource and DomainResource are not types a resource has.
    /// </summary>
    private static bool IsResourceType(string type) =>
        type == ResourceScope.AnyType
        || (ModelInfo.IsKnownResource(type) && ResourceTypes.Contains(type) && type is not ("Resource" or "DomainResource"));

    private static (ResourcePermissions Permissions, bool IsV1)? ParsePermissions(string text)
    {
        switch (text)
        {
            case "read":
                return (ResourcePermissions.Read | ResourcePermissions.Search, true);
            case "write":
                return (ResourcePermissions.Create | ResourcePermissions.Update | ResourcePermissions.Delete, true);
            case "*":
                return (ResourcePermissions.All, true);
            case "":
                return null;
        }

        var permissions = ResourcePermissions.None;
        var previous = -1;
        foreach (var letter in text)
        {
            var index = PermissionLetters.IndexOf(letter, StringComparison.Ordinal);
            if (index <= previous)
            {
                return null; // unknown letter (-1), repeated, or out of the cruds order
            }

            permissions |= (ResourcePermissions)(1 << index);
            previous = index;
        }

        return (permissions, false);
    }

    /// <summary>
    /// <c>name=value&amp;name2=value2</c>, names and values URL-decoded. A parameter without <c>=</c>, with an empty name or an
    /// empty value, or an empty segment makes the restriction malformed: a restriction that cannot be evaluated must not
    /// quietly become a wider grant.
    /// </summary>
    private static List<KeyValuePair<string, string>>? ParseRestriction(string query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var segment in query.Split('&'))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == segment.Length - 1)
            {
                return null;
            }

            var name = Uri.UnescapeDataString(segment[..equals]);
            var value = Uri.UnescapeDataString(segment[(equals + 1)..]);
            if (name.Length == 0 || value.Length == 0)
            {
                return null;
            }

            parameters.Add(new(name, value));
        }

        return parameters;
    }
}
