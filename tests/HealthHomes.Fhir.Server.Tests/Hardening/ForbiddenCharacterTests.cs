using System.Net;
using System.Xml.Linq;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Hardening;

/// <summary>
/// Characters FHIR strings may not hold (below U+0020 except tab, CR, LF) are refused on every write, naming the
/// element, and nothing is stored; a value stored before that rule still comes out as XML (replaced by U+FFFD)
/// instead of failing the whole response or search page.
/// </summary>
public sealed class ForbiddenCharacterTests(FhirServerFactory factory) : IClassFixture<FhirServerFactory>
{
    private const string Xml = FhirFormats.XmlMediaType;
    private const string Json = FhirFormats.JsonMediaType;
    private readonly HttpClient _client = factory.CreateFhirClient();

    public static TheoryData<string, string, string, string, string, string?> BadWrites => new()
    {
        // why, method, url, content type, body, expression of the culprit
        { "U+0001 in a JSON string", "POST", "Patient", Json, """{"resourceType":"Patient","name":[{"family":"Ab\u0001c"}]}""", "Patient.name[0].family" },
        { "NUL in a JSON string", "POST", "Patient", Json, """{"resourceType":"Patient","name":[{"given":["ok","x\u0000"]}]}""", "Patient.name[0].given[1]" },
        { "U+001F in an extension's value", "POST", "Patient", Json, """{"resourceType":"Patient","extension":[{"url":"http://example.org/x","valueString":"\u001f"}]}""", "Patient.extension[0].valueString" },
        { "U+0008 in a code", "POST", "Patient", Json, """{"resourceType":"Patient","gender":"male\b"}""", "Patient.gender" },
        { "U+000B in a markdown-ish narrative id", "POST", "Patient", Json, """{"resourceType":"Patient","id":"a","_active":{"id":"x\u000b"},"active":true}""", "Patient.active.id" },
        { "a lone surrogate escape", "POST", "Patient", Json, """{"resourceType":"Patient","name":[{"family":"\ud800"}]}""", "Patient.name[0].family" },
        { "U+0001 on update", "PUT", "Patient/forbidden-update", Json, """{"resourceType":"Patient","id":"forbidden-update","name":[{"family":"\u0001"}]}""", "Patient.name[0].family" },
        { "U+0001 in a transaction entry", "POST", "", Json, """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"\u0001"}]},"request":{"method":"POST","url":"Patient"}}]}""", "Bundle.entry[0].resource.name[0].family" },
        { "U+0001 in a batch entry", "POST", "", Json, """{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"\u0001"}]},"request":{"method":"POST","url":"Patient"}}]}""", "Bundle.entry[0].resource.name[0].family" },
        { "&#1; in XML (not XML 1.0)", "POST", "Patient", Xml, """<Patient xmlns="http://hl7.org/fhir"><name><family value="a&#1;b"/></name></Patient>""", null },
        { "a DTD in XML", "POST", "Patient", Xml, """<!DOCTYPE Patient [<!ENTITY x "y">]><Patient xmlns="http://hl7.org/fhir"><active value="true"/></Patient>""", null },
        { "U+0001 through $validate", "POST", "Patient/$validate", Json, """{"resourceType":"Patient","name":[{"family":"\u0001"}]}""", "Patient.name[0].family" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task A_forbidden_character_is_400_naming_the_element_and_stores_nothing(string why, string method, string url, string contentType, string body, string? expression)
    {
        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();

        using var response = await _client.SendAsync(new HttpMethod(method), url, FhirHttp.Body(body, contentType));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: answered {(int)response.StatusCode}");
        var outcome = await response.ReadAsync<OperationOutcome>();
        Assert.All(outcome.Issue, i => Assert.False(string.IsNullOrEmpty(i.Diagnostics)));
        if (expression is not null)
        {
            Assert.Contains(outcome.Issue, i => i.Expression.Contains(expression));
        }

        await probe.AssertUnchangedAndAliveAsync(before, why);
    }

    [Fact]
    public async Task A_patch_introducing_a_forbidden_character_is_422_and_changes_nothing()
    {
        var patient = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Patched" }] });
        var probe = new HardeningProbe(factory, _client);
        var before = await probe.FingerprintAsync();

        using var response = await _client.SendAsync(HttpMethod.Patch, $"Patient/{patient.Id}",
            FhirHttp.Body("""[{"op":"replace","path":"/name/0/family","value":"x\u0001"}]""", JsonPatchMediaType));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains((await response.ReadAsync<OperationOutcome>()).Issue, i => i.Expression.Contains("Patient.name[0].family"));
        await probe.AssertUnchangedAndAliveAsync(before, "patch with U+0001");
    }

    [Fact]
    public async Task A_value_stored_before_the_rule_still_answers_as_XML_with_the_character_replaced()
    {
        var family = "Legacy" + Guid.NewGuid().ToString("N")[..8];
        var patient = await _client.CreateAsync(new Patient { Name = [new HumanName { Family = family }] });
        await WriteOldValueAsync(patient.Id!, family);

        foreach (var url in new[] { $"Patient?_id={patient.Id}&_format=xml", $"Patient/{patient.Id}?_format=xml", $"Patient?_id={patient.Id}&_format=json", $"Patient/{patient.Id}/_history?_format=xml" })
        {
            using var response = await _client.SendAsync(HttpMethod.Get, url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
            if (url.EndsWith("xml", StringComparison.Ordinal))
            {
                Assert.Contains(family + FhirStrings.Replacement, XDocument.Parse(text).ToString(), StringComparison.Ordinal);
            }
        }
    }

    private const string JsonPatchMediaType = "application/json-patch+json";

    /// <summary>Puts U+0001 into the stored JSON behind the server's back, as data written before the rule would hold.</summary>
    private async Task WriteOldValueAsync(string id, string family)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE ResourceVersion SET Json = replace(Json, $family, $family || '\\u0001') WHERE ResourceType = 'Patient' AND LogicalId = $id";
        update.Parameters.AddWithValue("$family", family);
        update.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
