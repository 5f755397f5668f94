using System.Globalization;
using System.Runtime.CompilerServices;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Ecm;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// $ecm-interaction-report as a summary MeasureReport of Measure ecm-interactions: one group per ECM interaction
/// category (code = ecm-interaction-category code, initial-population count = the interactions of all members), each
/// with a stratifier "member" holding one stratum per member (value.text = "Patient/id", count = that member's).
/// </summary>
public static class InteractionMeasureReport
{
    public const string Measure = "https://fhir.healthhomes.example/Measure/ecm-interactions";
    public const string PopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";

    public static readonly IReadOnlyDictionary<string, string> Displays = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [InteractionCategoryCodes.InPerson] = "ECM In Person",
        [InteractionCategoryCodes.PhoneTelehealth] = "ECM Phone/Telehealth",
        [InteractionCategoryCodes.OutreachInPerson] = "ECM Outreach In Person",
        [InteractionCategoryCodes.OutreachTelephonicElectronic] = "ECM Outreach Telephonic/Electronic",
    };

    public static MeasureReport Build(IReadOnlyList<MemberInteractionLine> lines, DateOnly start, DateOnly end, DateTimeOffset asOf, string? reporter)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var report = new MeasureReport
        {
            Status = MeasureReport.MeasureReportStatus.Complete,
            Type = MeasureReport.MeasureReportType.Summary,
            Measure = Measure,
            DateElement = DeadlineResultParameters.DateTime(asOf),
            Period = new Period { Start = Day(start), End = Day(end) },
            Reporter = reporter is null ? null : new ResourceReference(reporter),
        };
        foreach (var category in InteractionCategoryCodes.All)
        {
            var stratifier = new MeasureReport.StratifierComponent { Code = [new CodeableConcept { Text = "member" }] };
            stratifier.Stratum.AddRange(lines.Select(l => new MeasureReport.StratifierGroupComponent
            {
                Value = new CodeableConcept { Text = l.Member },
                Population = [new MeasureReport.StratifierGroupPopulationComponent { Code = InitialPopulation(), Count = l.Interactions.CountOf(category) }],
            }));
            report.Group.Add(new MeasureReport.GroupComponent
            {
                Code = new CodeableConcept { Coding = [new Coding(ProgramCodes.InteractionCategorySystem, category, Displays[category])] },
                Population = [new MeasureReport.PopulationComponent { Code = InitialPopulation(), Count = lines.Sum(l => l.Interactions.CountOf(category)) }],
                Stratifier = [stratifier],
            });
        }

        return report;
    }

    private static CodeableConcept InitialPopulation() => new() { Coding = [new Coding(PopulationSystem, "initial-population", "Initial Population")] };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>$ecm-interaction-report as CSV: one row per member, ready for the plan's submission.</summary>
public static class InteractionReportCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["member", "mediCalCin", "ecmProvider", .. InteractionCategoryCodes.All];

    public static IReadOnlyList<string?> Row(MemberInteractionLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return [line.Member, line.MediCalCin, line.EcmProvider, .. InteractionCategoryCodes.All.Select(c => line.Interactions.CountOf(c).ToString(CultureInfo.InvariantCulture))];
    }

    public static async IAsyncEnumerable<IReadOnlyList<string?>> RowsAsync(IAsyncEnumerable<MemberInteractionLine> lines, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        await foreach (var line in lines.WithCancellation(ct).ConfigureAwait(false))
        {
            yield return Row(line);
        }
    }
}
