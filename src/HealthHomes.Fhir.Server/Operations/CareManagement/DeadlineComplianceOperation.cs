using System.Net;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// Patient/[id]/$deadline-compliance (GET or POST; program, rule, state, dueFrom, dueTo, asOf, atRiskDays): every rule
/// instance of docs/domain/README.md#index-of-rule-ids in the member's record with its clock start, due instant, end
/// evidence and state as of asOf. Also as CSV (Accept: text/csv or _format=csv). OperationDefinition
/// hh-deadline-compliance.
/// </summary>
public sealed class DeadlineComplianceOperation(MemberRecordLoader loader, ProgramEvaluation evaluation)
{
    public const string Name = "deadline-compliance";
    public const string Definition = "https://fhir.healthhomes.example/OperationDefinition/hh-deadline-compliance";

    private static readonly HashSet<string> Declared = ["program", "rule", "state", "dueFrom", "dueTo", "asOf", "atRiskDays"];

    public async Task<FhirResponse> EvaluateAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = OperationInput.Bind(request, Name, Declared);
        var filter = ComplianceFilter.From(input);
        var asOf = input.AsOf(evaluation.Time);
        var context = evaluation.Context(asOf, input.Integer("atRiskDays", 0, 365));
        var record = await loader.LoadAsync(request.Id!, request.Access, ct).ConfigureAwait(false);
        if (filter.Program is { } program)
        {
            ProgramEvaluation.EnrollmentFor(record, program, asOf);
        }

        var results = ProgramRules.Evaluate(record, context, filter.Rules).Where(filter.Matches).ToList();
        if (request.WantsCsv)
        {
            return new FhirResponse(HttpStatusCode.OK) { Csv = CsvTable.Of($"deadline-compliance-{request.Id}.csv", DeadlineResultCsv.Header, results.Select(DeadlineResultCsv.Row)) };
        }

        var parameters = new Parameters();
        parameters.Add("asOf", DeadlineResultParameters.Moment(asOf));
        parameters.Parameter.AddRange(results.Select(r => r.ToParameter()));
        return FhirResponse.Of(HttpStatusCode.OK, parameters);
    }
}

/// <summary>The filters of $deadline-compliance: program, rule (repeatable), state (repeatable), due window.</summary>
public sealed record ComplianceFilter(CareProgram? Program, IReadOnlyList<string> Rules, IReadOnlyList<ComplianceState> States, DateTimeOffset? DueFrom, DateTimeOffset? DueTo)
{
    private static readonly HashSet<string> KnownRules = [.. typeof(RuleIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    public static ComplianceFilter From(OperationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rules = input.Strings("rule").SelectMany(r => r.Split(',')).ToList();
        foreach (var rule in rules.Where(r => !KnownRules.Contains(r)))
        {
            throw FhirRequestException.BadRequest($"$deadline-compliance: unknown rule '{rule}' (rule IDs of docs/domain/README.md#index-of-rule-ids, e.g. {RuleIds.KsHap90}).", "rule");
        }

        var states = input.Strings("state").SelectMany(s => s.Split(','))
            .Select(s => ComplianceStateCodes.Parse(s) ?? throw FhirRequestException.BadRequest($"$deadline-compliance: unknown state '{s}' (met, met-late, missed, pending, at-risk, not-applicable).", "state"))
            .ToList();
        return new ComplianceFilter(input.Program(), rules, states, input.Instant("dueFrom"), input.Instant("dueTo"));
    }

    public bool Matches(DeadlineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (States.Count == 0 || States.Contains(result.State))
            && (DueFrom is null || (result.Due is { } due && due >= DueFrom))
            && (DueTo is null || (result.Due is { } dueBy && dueBy <= DueTo))
            && (Program is null || ProgramOf(result) == Program);
    }

    /// <summary>The program a result belongs to, from its rule ID (KS-* is KanCare, ECM-* and the federal cap are ECM).</summary>
    public static CareProgram ProgramOf(DeadlineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CareProgram.OfRule(result.Rule);
    }
}
