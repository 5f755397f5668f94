using System.Globalization;
using System.Text;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>One generated request: where it goes, as what, and what was done to the seed body (for the failure message).</summary>
public sealed record FuzzCase(int Number, string Method, string Url, string ContentType, string Body, string Mutation);

/// <summary>
/// A seeded generator of malformed and extreme request bodies: valid JSON and XML seeds (a Patient, a Task, a
/// transaction Bundle) mutated by truncation, deep nesting, repetition by the thousand, odd characters (control
/// characters, NUL, lone surrogates, BOM, right-to-left marks), wrong types, huge numbers and strings, duplicate keys,
/// unknown elements and bad dates, then aimed at create, update, transaction or $validate. The same seed gives the same
/// cases, so a failure names the seed and the case number to replay it.
/// </summary>
public sealed class BodyFuzzer(int seed)
{
    private const string Json = "application/fhir+json";
    private const string Xml = "application/fhir+xml";
    private readonly Random _random = new(seed);

    private static readonly (string Type, string Json, string Xml)[] Seeds =
    [
        ("Patient",
            """{"resourceType":"Patient","id":"fuzz-patient","active":true,"name":[{"family":"Fuzz","given":["Ann","B"]}],"gender":"female","birthDate":"1974-12-25","telecom":[{"system":"phone","value":"555-0100"}]}""",
            """<Patient xmlns="http://hl7.org/fhir"><id value="fuzz-patient"/><active value="true"/><name><family value="Fuzz"/><given value="Ann"/><given value="B"/></name><telecom><system value="phone"/><value value="555-0100"/></telecom><gender value="female"/><birthDate value="1974-12-25"/></Patient>"""),
        ("Task",
            """{"resourceType":"Task","id":"fuzz-task","status":"requested","intent":"order","description":"Call back","authoredOn":"2025-03-01T10:00:00Z","for":{"reference":"Patient/fuzz-patient"}}""",
            """<Task xmlns="http://hl7.org/fhir"><id value="fuzz-task"/><status value="requested"/><intent value="order"/><description value="Call back"/><for><reference value="Patient/fuzz-patient"/></for><authoredOn value="2025-03-01T10:00:00Z"/></Task>"""),
        ("Bundle",
            """{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:0c3e7a3e-3a5e-4b9f-8f0e-6a1d2b3c4d5e","resource":{"resourceType":"Patient","name":[{"family":"Tx"}],"birthDate":"1980-01-01"},"request":{"method":"POST","url":"Patient"}}]}""",
            """<Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/><entry><fullUrl value="urn:uuid:0c3e7a3e-3a5e-4b9f-8f0e-6a1d2b3c4d5e"/><resource><Patient><name><family value="Tx"/></name><birthDate value="1980-01-01"/></Patient></resource><request><method value="POST"/><url value="Patient"/></request></entry></Bundle>"""),
    ];

    private static readonly string[] OddCharacters =
        ["\\u0001", "\\u0000", "\\ud800", "\\udfff", "\\u001b", "\u0000", "\u0007", "\uFEFF", "\u202E", "\u200F", "\uFFFF", "&#1;", "&#xD800;", "\\", "\"", "<", "&", "]]>"];

    public IEnumerable<FuzzCase> Cases(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var (type, json, xml) = Seeds[_random.Next(Seeds.Length)];
            var asXml = _random.Next(2) == 0;
            var (body, mutation) = Mutate(asXml ? xml : json, asXml);
            var (method, url) = Target(type);
            yield return new FuzzCase(n, method, url, asXml ? Xml : Json, body, $"{type} {(asXml ? "XML" : "JSON")}: {mutation}");
        }
    }

    private (string Method, string Url) Target(string type) => type == "Bundle"
        ? ("POST", "")
        : _random.Next(3) switch
        {
            0 => ("POST", type),
            1 => ("PUT", $"{type}/fuzz-{type.ToLowerInvariant()}"),
            _ => ("POST", $"{type}/$validate"),
        };

    private (string Body, string Mutation) Mutate(string body, bool xml)
    {
        switch (_random.Next(10))
        {
            case 0:
                var at = _random.Next(body.Length);
                return (body[..at], $"truncated at {at}");
            case 1:
                var depth = _random.Next(2) == 0 ? _random.Next(60, 70) : _random.Next(2000, 10000);
                return (xml ? NestedBodies.XmlPatient(depth) : NestedBodies.JsonPatient(depth), $"nested {depth} deep");
            case 2:
                var times = _random.Next(1000, 3000);
                return (Repeat(body, xml, times), $"{times} extensions, {times / 10} names");
            case 3:
                var odd = OddCharacters[_random.Next(OddCharacters.Length)];
                return (InsertInValue(body, odd), $"'{Escape(odd)}' inside a value");
            case 4:
                var anywhere = OddCharacters[_random.Next(OddCharacters.Length)];
                var where = _random.Next(body.Length);
                return (body.Insert(where, anywhere), $"'{Escape(anywhere)}' at {where}");
            case 5:
                return xml ? Replace(body, "value=\"Fuzz\"", "value=\"\"", "empty value") : WrongType(body);
            case 6:
                return Huge(body, xml);
            case 7:
                return xml
                    ? (body.Replace("<active value=\"true\"/>", "<active value=\"true\"/><active value=\"false\"/>", StringComparison.Ordinal).Replace("<status ", "<status value=\"draft\"/><status ", StringComparison.Ordinal), "duplicated elements")
                    : (body.Insert(body.IndexOf(',', StringComparison.Ordinal), ",\"id\":\"dup\",\"id\":\"dup2\""), "duplicate keys");
            case 8:
                return xml
                    ? (body.Insert(body.IndexOf('>', StringComparison.Ordinal) + 1, "<wombat value=\"1\"/>"), "unknown element")
                    : (body.Insert(1, "\"wombat\":{\"pouch\":[1,2,3]},"), "unknown element");
            default:
                var bad = new[] { "2020-02-30", "0000-00-00", "99999-01-01", "1974-13-45", "2025-03-01T25:61:00Z", "yesterday", "" }[_random.Next(7)];
                return (body.Replace("1974-12-25", bad, StringComparison.Ordinal).Replace("1980-01-01", bad, StringComparison.Ordinal)
                    .Replace("2025-03-01T10:00:00Z", bad, StringComparison.Ordinal), $"date '{bad}'");
        }
    }

    /// <summary>Thousands of extensions (not indexed, so the write stays cheap) and a tenth as many names.</summary>
    private static string Repeat(string body, bool xml, int times)
    {
        var extension = xml ? "<extension url=\"http://example.org/again\"><valueString value=\"Again\"/></extension>" : "{\"url\":\"http://example.org/again\",\"valueString\":\"Again\"},";
        var name = xml ? "<name><family value=\"Again\"/></name>" : "{\"family\":\"Again\"},";
        var extensions = new StringBuilder().Insert(0, extension, times).ToString();
        var names = new StringBuilder().Insert(0, name, times / 10).ToString();
        if (xml)
        {
            foreach (var anchor in new[] { "<id value=\"fuzz-patient\"/>", "<id value=\"fuzz-task\"/>", "<Patient>" })
            {
                body = body.Replace(anchor, anchor + extensions, StringComparison.Ordinal);
            }

            return body.Replace("<name>", names + "<name>", StringComparison.Ordinal);
        }

        return body.Replace("\"resourceType\":\"Patient\",", $"\"resourceType\":\"Patient\",\"extension\":[{extensions.TrimEnd(',')}],", StringComparison.Ordinal)
            .Replace("\"resourceType\":\"Task\",", $"\"resourceType\":\"Task\",\"extension\":[{extensions.TrimEnd(',')}],", StringComparison.Ordinal)
            .Replace("\"name\":[", "\"name\":[" + names, StringComparison.Ordinal);
    }

    private string InsertInValue(string body, string odd)
    {
        var quotes = new List<int>();
        for (var i = body.IndexOf("\"", StringComparison.Ordinal); i >= 0; i = body.IndexOf('"', i + 1))
        {
            quotes.Add(i);
        }

        // Inside the text of a JSON string or an XML attribute: just after an opening quote.
        var at = quotes.Count == 0 ? 0 : quotes[_random.Next(quotes.Count / 2) * 2] + 1;
        return body.Insert(at, odd);
    }

    private (string, string) WrongType(string body) => _random.Next(4) switch
    {
        0 => Replace(body, "\"Fuzz\"", "12345", "number where string"),
        1 => Replace(body, "\"name\":[", "\"name\":{\"family\":\"x\"},\"x\":[", "object where array"),
        2 => Replace(body, "true", "\"yes\"", "string where boolean"),
        _ => Replace(body, "\"requested\"", "[\"requested\"]", "array where code"),
    };

    private (string, string) Huge(string body, bool xml)
    {
        var size = _random.Next(10_000, 100_000);
        var big = new string('9', size);
        var text = new string('x', size);
        return _random.Next(2) == 0
            ? (xml ? body.Replace("<active value=\"true\"/>", $"<multipleBirthInteger value=\"{big}\"/>", StringComparison.Ordinal).Replace("<intent ", $"<priority value=\"{big}\"/><intent ", StringComparison.Ordinal)
                : body.Replace("\"active\":true", $"\"multipleBirthInteger\":{big}", StringComparison.Ordinal).Replace("\"intent\"", $"\"executionPeriod\":{{\"start\":{big}}},\"intent\"", StringComparison.Ordinal),
                $"a {size}-digit number")
            : (body.Replace("Fuzz", text, StringComparison.Ordinal).Replace("Call back", text, StringComparison.Ordinal).Replace("Tx", text, StringComparison.Ordinal),
                $"a {size}-character string");
    }

    private static (string, string) Replace(string body, string from, string to, string what) => (body.Replace(from, to, StringComparison.Ordinal), what);

    private static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString(CultureInfo.InvariantCulture)));
}
