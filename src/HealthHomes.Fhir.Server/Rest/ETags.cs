using System.Globalization;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>Version ids in ETag form: W/"3".</summary>
public static class ETags
{
    public static string For(int versionId) => $"W/\"{versionId.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version in an ETag value (W/"3", "3" or 3), or null when it names none.</summary>
    public static int? VersionOf(string? etag)
    {
        if (string.IsNullOrWhiteSpace(etag))
        {
            return null;
        }

        var v = etag.Trim();
        if (v.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
        {
            v = v[2..];
        }

        v = v.Trim('"');
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    /// <summary>Whether an If-None-Match value ("*" or a comma list of ETags) names the given current version.</summary>
    public static bool NoneMatchNames(string ifNoneMatch, int currentVersion)
    {
        ArgumentNullException.ThrowIfNull(ifNoneMatch);
        return ifNoneMatch.Split(',').Select(e => e.Trim()).Any(e => e == "*" || VersionOf(e) == currentVersion);
    }
}
