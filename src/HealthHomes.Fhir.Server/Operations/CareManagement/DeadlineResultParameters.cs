using HealthHomes.Fhir.CareManagement.Deadlines;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// One rule instance as a Parameters parameter (docs/operations/deadline-compliance.md): parts rule (one per rule ID bounding the
/// deadline), subject, state, start, due (in the program's offset), completed, startEvidence, endEvidence, severity,
/// daysRemaining (negative when overdue), explanation.
/// </summary>
public static class DeadlineResultParameters
{
    public static Parameters.ParameterComponent ToParameter(this DeadlineResult result, string name = "result")
    {
        ArgumentNullException.ThrowIfNull(result);
        var parameter = new Parameters.ParameterComponent { Name = name };
        foreach (var rule in result.Rules)
        {
            parameter.Part.Add(Part("rule", new Code(rule)));
        }

        parameter.Part.Add(Part("subject", new ResourceReference(result.Subject)));
        parameter.Part.Add(Part("state", new Code(result.State.Code())));
        AddInstant(parameter, "start", result.Start);
        AddInstant(parameter, "due", result.Due);
        AddInstant(parameter, "completed", result.Completed);
        parameter.Part.AddRange(result.StartEvidence.Select(e => Part("startEvidence", new ResourceReference(e))));
        parameter.Part.AddRange(result.EndEvidence.Select(e => Part("endEvidence", new ResourceReference(e))));
        parameter.Part.Add(Part("severity", new Code(result.Severity.Code())));
        if (result.DaysRemaining is { } days)
        {
            parameter.Part.Add(Part("daysRemaining", new Integer(days)));
        }

        if (!string.IsNullOrEmpty(result.Explanation))
        {
            parameter.Part.Add(Part("explanation", new FhirString(result.Explanation)));
        }

        return parameter;
    }

    public static Parameters.ParameterComponent Part(string name, DataType value) => new() { Name = name, Value = value };

    /// <summary>A dateTime with seconds and the offset the instant carries (the program's).</summary>
    public static FhirDateTime DateTime(DateTimeOffset instant) =>
        new(instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The asOf of a result spanning programs: the instant, or the bare date each program read in its own zone.</summary>
    public static FhirDateTime Moment(HealthHomes.Fhir.CareManagement.Calendar.EvaluationMoment moment) =>
        moment.Instant is { } instant ? DateTime(instant) : new FhirDateTime(moment.ToString());

    private static void AddInstant(Parameters.ParameterComponent parameter, string name, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            parameter.Part.Add(Part(name, DateTime(value)));
        }
    }
}
