using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Server.Tests.Validation;

/// <summary>The examples/ files (copied beside the tests), as JSON to break or as parsed resources.</summary>
internal static class ValidationExamples
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public const string Profiles = "https://fhir.healthhomes.example/StructureDefinition/";
    public const string NoAnswer = "OutreachAttempt-ks-morning-no-answer.json";
    public const string Member = "Member-ks-darnell-price.json";

    public static JsonObject Json(string file, string? id = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", file)))!.AsObject();
        if (id is not null)
        {
            json["id"] = id;
        }

        return json;
    }

    /// <summary>The no-answer outreach attempt without the phone number attempted: breaks hh-out-doc-1 (KS-OUT-DOC).</summary>
    public static JsonObject UndocumentedAttempt(string? id = null)
    {
        var json = Json(NoAnswer, id);
        var inputs = json["input"]!.AsArray();
        inputs.Remove(inputs.Single(i => (string?)i!["type"]!["coding"]![0]!["code"] == "contact-point-attempted"));
        return json;
    }

    public static Resource Parse(JsonObject json) => JsonSerializer.Deserialize<Resource>(json.ToJsonString(), Options)!;

    public static string NewId() => "v" + Guid.NewGuid().ToString("N");

    public static bool HasIssue(OperationOutcome outcome, OperationOutcome.IssueSeverity severity, string expression, string text) =>
        outcome.Issue.Any(i => i.Severity == severity && i.Expression.Contains(expression) && (i.Diagnostics ?? "").Contains(text, StringComparison.Ordinal));

    public static string Describe(OperationOutcome outcome) =>
        string.Join("\n", outcome.Issue.Select(i => $"  {i.Severity} {i.Code} {string.Join(",", i.Expression)}: {i.Diagnostics}"));
}
