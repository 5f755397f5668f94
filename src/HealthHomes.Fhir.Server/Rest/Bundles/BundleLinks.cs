using System.Text;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>Absolute URLs for Bundle links (self, next, previous) and entry fullUrls.</summary>
public static class BundleLinks
{
    /// <summary>base + "/" + path + "?" + the parameters, each name and value percent-encoded (':' ',' '/' kept readable).</summary>
    public static string Url(string baseUrl, string? path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var url = new StringBuilder(baseUrl);
        if (!string.IsNullOrEmpty(path))
        {
            url.Append('/').Append(path);
        }

        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            url.Append(separator).Append(Escape(name)).Append('=').Append(Escape(value));
            separator = '&';
        }

        return url.ToString();
    }

    public static string FullUrl(string baseUrl, string resourceType, string id) => $"{baseUrl}/{resourceType}/{id}";

    private static string Escape(string value)
        => Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal).Replace("%2F", "/", StringComparison.Ordinal);
}
