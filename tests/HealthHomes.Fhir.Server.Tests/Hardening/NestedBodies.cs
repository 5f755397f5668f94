using System.Text;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Request bodies nested to an exact depth, counted as each format's reader counts it: JSON objects and arrays
/// (System.Text.Json's MaxDepth), XML elements. The nesting is extensions in extensions, the deepest shape a Patient
/// allows; a transaction Bundle puts such a Patient three levels down (entry, its object or element, resource).
/// </summary>
public static class NestedBodies
{
    /// <summary>Levels a transaction Bundle adds above its entry's resource, in either format.</summary>
    public const int TransactionLevels = 3;

    /// <summary>A Patient whose JSON is exactly <paramref name="depth"/> levels deep (depth >= 2).</summary>
    public static string JsonPatient(int depth)
    {
        // Each extension adds an array and an object (2); the root object is 1; an even depth ends in a
        // CodeableConcept (1 more), an odd one in a string.
        var extensions = depth % 2 == 1 ? (depth - 1) / 2 : (depth - 2) / 2;
        var innermost = depth % 2 == 1 ? "\"valueString\":\"deep\"" : "\"valueCodeableConcept\":{\"text\":\"deep\"}";
        var sb = new StringBuilder("{\"resourceType\":\"Patient\"");
        for (var i = 0; i < extensions; i++)
        {
            sb.Append(",\"extension\":[{\"url\":\"http://example.org/nested\"");
        }

        sb.Append(',').Append(innermost);
        for (var i = 0; i < extensions; i++)
        {
            sb.Append("}]");
        }

        return sb.Append('}').ToString();
    }

    /// <summary>A Patient whose XML is exactly <paramref name="depth"/> elements deep (depth >= 2).</summary>
    public static string XmlPatient(int depth)
    {
        var extensions = depth - 2; // Patient is 1, each extension 1, the innermost valueString 1
        var sb = new StringBuilder();
        for (var i = 0; i < extensions; i++)
        {
            sb.Append("<extension url=\"http://example.org/nested\">");
        }

        sb.Append(extensions == 0 ? "<active value=\"true\"/>" : "<valueString value=\"deep\"/>");
        for (var i = 0; i < extensions; i++)
        {
            sb.Append("</extension>");
        }

        return $"<Patient xmlns=\"http://hl7.org/fhir\">{sb}</Patient>";
    }

    /// <summary>A transaction Bundle creating one Patient, exactly <paramref name="depth"/> levels deep in its format.</summary>
    public static string Transaction(bool xml, int depth)
    {
        var patient = xml ? XmlPatient(depth - TransactionLevels) : JsonPatient(depth - TransactionLevels);
        return xml
            ? $"""<Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/><entry><fullUrl value="urn:uuid:5b7f0d0e-2c8e-4a55-9d3c-0a1f3e0c7a11"/><resource>{patient.Replace(" xmlns=\"http://hl7.org/fhir\"", "", StringComparison.Ordinal)}</resource><request><method value="POST"/><url value="Patient"/></request></entry></Bundle>"""
            : """{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:5b7f0d0e-2c8e-4a55-9d3c-0a1f3e0c7a11","resource":"""
                + patient + ""","request":{"method":"POST","url":"Patient"}}]}""";
    }

    /// <summary>Bundles in Bundles (Bundle.entry.resource a Bundle), <paramref name="levels"/> Bundles deep, as XML.</summary>
    public static string XmlBundleInBundle(int levels)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            sb.Append(i == 0 ? "<Bundle xmlns=\"http://hl7.org/fhir\">" : "<Bundle>").Append("<type value=\"collection\"/><entry><resource>");
        }

        sb.Append("<Patient><active value=\"true\"/></Patient>");
        for (var i = 0; i < levels; i++)
        {
            sb.Append("</resource></entry></Bundle>");
        }

        return sb.ToString();
    }
}
