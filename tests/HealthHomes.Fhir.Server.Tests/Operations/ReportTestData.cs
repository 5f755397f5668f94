using System.Net;
using System.Text.Json.Nodes;
using HealthHomes.Fhir.Testing;

namespace HealthHomes.Fhir.Server.Tests.Operations;

/// <summary>
/// Records the report tests PUT: legacy (migrated) outreach attempts written without meta.profile (the
/// hh-outreach-attempt profile would refuse them), and referral Tasks version by version, each with its own
/// Task.lastModified (the time of the change).
/// </summary>
public static class ReportTestData
{
    private const string Hh = "https://fhir.healthhomes.example/";
    private const string TaskParameter = Hh + "CodeSystem/hh-task-parameter";

    public static async System.Threading.Tasks.Task PutAsync(HttpClient client, JsonObject resource, HttpStatusCode? expected = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        var url = $"{resource["resourceType"]}/{resource["id"]}";
        using var response = await client.SendAsync(HttpMethod.Put, url, FhirHttp.Body(resource.ToJsonString()));
        var ok = expected is { } status ? response.StatusCode == status : response.IsSuccessStatusCode;
        Assert.True(ok, $"PUT {url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static JsonObject Organization(string id) =>
        new() { ["resourceType"] = "Organization", ["id"] = id, ["name"] = id };

    public static JsonObject Patient(string id) =>
        new() { ["resourceType"] = "Patient", ["id"] = id, ["name"] = new JsonArray(new JsonObject { ["family"] = "Test", ["given"] = new JsonArray("Legacy") }) };

    public static JsonObject Enrollment(string id, string patient, string organization, string program, string start) => new()
    {
        ["resourceType"] = "EpisodeOfCare",
        ["id"] = id,
        ["status"] = "active",
        ["type"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Hh + "CodeSystem/hh-program", ["code"] = program }) }),
        ["patient"] = Reference("Patient/" + patient),
        ["managingOrganization"] = Reference("Organization/" + organization),
        ["period"] = new JsonObject { ["start"] = start },
    };

    /// <summary>A completed outreach attempt without meta.profile; null arguments leave the element out.</summary>
    public static JsonObject LegacyAttempt(string id, string patient, string enrollment, string? start, string? phone, string outcome, string? personName = null, string? personPhone = null)
    {
        var task = new JsonObject
        {
            ["resourceType"] = "Task",
            ["id"] = id,
            ["extension"] = new JsonArray(new JsonObject { ["url"] = Hh + "StructureDefinition/hh-enrollment", ["valueReference"] = Reference("EpisodeOfCare/" + enrollment) }),
            ["status"] = "completed",
            ["intent"] = "order",
            ["code"] = Code(Hh + "CodeSystem/hh-task-code", "outreach-attempt"),
            ["for"] = Reference("Patient/" + patient),
        };
        if (start is not null)
        {
            task["executionPeriod"] = new JsonObject { ["start"] = start };
        }

        var input = new JsonArray(Parameter("modality", "valueCodeableConcept", Code(Hh + "CodeSystem/hh-outreach-modality", "phone")));
        if (phone is not null)
        {
            input.Add(Parameter("contact-point-attempted", "valueContactPoint", new JsonObject { ["system"] = "phone", ["value"] = phone }));
        }

        task["input"] = input;
        var output = new JsonArray(Parameter("outreach-outcome", "valueCodeableConcept", Code(Hh + "CodeSystem/hh-attempt-outcome", outcome)));
        if (personName is not null)
        {
            output.Add(Parameter("person-reached-name", "valueHumanName", new JsonObject { ["text"] = personName }));
        }

        if (personPhone is not null)
        {
            output.Add(Parameter("person-reached-contact", "valueContactPoint", new JsonObject { ["system"] = "phone", ["value"] = personPhone }));
        }

        task["output"] = output;
        return task;
    }

    /// <summary>One version of a referral Task (code hh-task-code#referral) owned by <paramref name="owner"/>.</summary>
    public static JsonObject Referral(string id, string owner, string status, string authoredOn, string lastModified, string? reason = null, string? reasonText = null)
    {
        var task = new JsonObject
        {
            ["resourceType"] = "Task",
            ["id"] = id,
            ["status"] = status,
            ["intent"] = "order",
            ["code"] = Code(Hh + "CodeSystem/hh-task-code", "referral"),
            ["for"] = Reference("Patient/kern-member-2001"),
            ["authoredOn"] = authoredOn,
            ["lastModified"] = lastModified,
            ["owner"] = Reference("Organization/" + owner),
        };
        if (reason is not null || reasonText is not null)
        {
            var statusReason = new JsonObject();
            if (reason is not null)
            {
                statusReason["coding"] = new JsonArray(new JsonObject { ["system"] = Hh + "CodeSystem/hh-referral-closure", ["code"] = reason });
            }

            if (reasonText is not null)
            {
                statusReason["text"] = reasonText;
            }

            task["statusReason"] = statusReason;
        }

        return task;
    }

    /// <summary>PUTs each version in turn (the history the metrics read).</summary>
    public static async System.Threading.Tasks.Task HistoryAsync(HttpClient client, params JsonObject[] versions)
    {
        foreach (var version in versions)
        {
            await PutAsync(client, version);
        }
    }

    private static JsonObject Reference(string reference) => new() { ["reference"] = reference };

    private static JsonObject Code(string system, string code) => new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };

    private static JsonObject Parameter(string type, string valueName, JsonNode value) =>
        new() { ["type"] = Code(TaskParameter, type), [valueName] = value };
}
