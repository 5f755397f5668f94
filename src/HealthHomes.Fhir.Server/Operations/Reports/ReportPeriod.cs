using System.Globalization;
using HealthHomes.Fhir.Server.Operations.CareManagement;
using HealthHomes.Fhir.Server.Rest;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.Reports;

/// <summary>
/// The reporting period of a report operation: periodStart and periodEnd, both required full dates (YYYY-MM-DD),
/// inclusive, end not before start, both within the dates the rules evaluate over (<see cref="OperationInput.EarliestDate"/>..
/// <see cref="OperationInput.LatestDate"/>, so the day after periodEnd exists); anything else is a 400 naming the parameter. The domain reports take [start, end)
/// of local dates: <see cref="EndExclusive"/> is the day after periodEnd.
/// </summary>
public sealed record ReportPeriod(DateOnly Start, DateOnly End)
{
    public DateOnly EndExclusive => End.AddDays(1);

    public static ReportPeriod From(OperationInput input, string operation)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = input.Date("periodStart") ?? throw Required(operation, "periodStart");
        var end = input.Date("periodEnd") ?? throw Required(operation, "periodEnd");
        return end < start
            ? throw FhirRequestException.BadRequest($"${operation}: periodEnd ({end:yyyy-MM-dd}) is before periodStart ({start:yyyy-MM-dd}).", "periodEnd")
            : new ReportPeriod(start, end);
    }

    /// <summary>The period's echo in the output: periodStart and periodEnd as FHIR dates.</summary>
    public void AddTo(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add("periodStart", new Date(Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        parameters.Add("periodEnd", new Date(End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    private static FhirRequestException Required(string operation, string name) =>
        FhirRequestException.BadRequest($"${operation}: '{name}' is required (a date, YYYY-MM-DD, inclusive).", name);
}
