using System.Net;
using System.Runtime.CompilerServices;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Rest.Formats;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// $deadline-compliance for more than one member: EpisodeOfCare/[id] (that enrollment's member, rules of its
/// program), Organization/[id] (the members whose enrollment it manages, plus its own KS-HHP-* milestones when it is a
/// Health Home Partner) and the system level (every enrolled member, optionally one organization's; plus every Health
/// Home Partner's milestones). Filters as at Patient level (program, rule, state, dueFrom, dueTo). JSON/XML: Parameters
/// with a `summary` (count per rule and state) and one `result` per rule instance; CSV: the rows streamed batch by
/// batch as the panel is evaluated.
/// </summary>
public sealed class PanelDeadlineComplianceOperation(MemberRecordLoader loader, PanelLoader panels, ProgramEvaluation evaluation)
{
    private static readonly HashSet<string> Declared = ["program", "rule", "state", "dueFrom", "dueTo", "asOf", "atRiskDays", "organization"];

    public async Task<FhirResponse> EpisodeAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var (filter, context, _) = Bind(request, allowOrganization: false);
        var stored = await reader.ReadAsync("EpisodeOfCare", request.Id!, request.Access, ct).ConfigureAwait(false);
        if (stored is not { IsDeleted: false, Json: { } json } || Enrollment.From((EpisodeOfCare)FhirSerialization.ParseJson(json)) is not { } enrollment)
        {
            throw FhirRequestException.NotFound($"EpisodeOfCare/{request.Id} is not known, deleted, or not a program enrollment (hh-program type and period.start).");
        }

        var patient = enrollment.Episode.Patient?.Reference is { } reference && reference.StartsWith("Patient/", StringComparison.Ordinal)
            ? reference["Patient/".Length..]
            : throw new FhirRequestException(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.BusinessRule, $"{enrollment.Reference} names no Patient.", "EpisodeOfCare.patient");
        var record = await loader.LoadAsync(patient, request.Access, ct).ConfigureAwait(false);
        var scoped = filter with { Program = enrollment.Program };
        var results = ProgramRules.Evaluate(record, context, scoped.Rules).Where(scoped.Matches).ToList();
        return Respond(request, $"deadline-compliance-{request.Id}.csv", context.Moment, results);
    }

    public async Task<FhirResponse> OrganizationAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var (filter, context, _) = Bind(request, allowOrganization: false);
        var stored = await reader.ReadAsync("Organization", request.Id!, request.Access, ct).ConfigureAwait(false);
        if (stored is not { IsDeleted: false, Json: { } json })
        {
            throw FhirRequestException.NotFound($"Organization/{request.Id} is not known or deleted.");
        }

        var organization = (Organization)FhirSerialization.ParseJson(json);
        var own = HealthHomePartnerMilestones.Evaluate(organization, context).Where(filter.Matches).ToList();
        var members = MembersAsync(new PanelScope("Organization/" + request.Id, filter.Program), filter, context, request.Access, ct);
        return await RespondAsync(request, $"deadline-compliance-organization-{request.Id}.csv", context.Moment, own, members, ct).ConfigureAwait(false);
    }

    public async Task<FhirResponse> SystemAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var (filter, context, input) = Bind(request, allowOrganization: true);
        var organization = input.String("organization");
        if (organization is not null && !organization.StartsWith("Organization/", StringComparison.Ordinal))
        {
            throw FhirRequestException.BadRequest($"$deadline-compliance: organization is a reference 'Organization/id', not '{organization}'.", "organization");
        }

        var partners = await HealthHomePartnersAsync(reader, organization, request.Access, ct).ConfigureAwait(false);
        var own = partners.SelectMany(p => HealthHomePartnerMilestones.Evaluate(p, context)).Where(filter.Matches).ToList();
        var members = MembersAsync(new PanelScope(organization, filter.Program), filter, context, request.Access, ct);
        return await RespondAsync(request, "deadline-compliance.csv", context.Moment, own, members, ct).ConfigureAwait(false);
    }

    private (ComplianceFilter Filter, DeadlineContext Context, OperationInput Input) Bind(FhirRequest request, bool allowOrganization)
    {
        var declared = allowOrganization ? Declared : [.. Declared.Where(d => d != "organization")];
        var input = OperationInput.Bind(request, "deadline-compliance", declared);
        var filter = ComplianceFilter.From(input);
        var asOf = input.AsOf(evaluation.Time);
        return (filter, evaluation.Context(asOf, input.Integer("atRiskDays", 0, 365)), input);
    }

    /// <summary>Each batch of the panel evaluated on all cores; results in member order.</summary>
    private async IAsyncEnumerable<DeadlineResult> MembersAsync(PanelScope scope, ComplianceFilter filter, DeadlineContext context, AccessFilter access, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in panels.MembersAsync(scope, access, ct).ConfigureAwait(false))
        {
            var perMember = new List<DeadlineResult>[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
                perMember[i] = [.. ProgramRules.Evaluate(batch[i], context, filter.Rules).Where(filter.Matches)]);
            foreach (var result in perMember.SelectMany(r => r))
            {
                yield return result;
            }
        }
    }

    private static async Task<List<Organization>> HealthHomePartnersAsync(IResourceReader reader, string? organization, AccessFilter access, CancellationToken ct)
    {
        List<KeyValuePair<string, string>> parameters = [new("type", ProgramCodes.OrganizationRoleSystem + "|health-home-partner")];
        if (organization is not null)
        {
            parameters.Add(new("_id", organization["Organization/".Length..]));
        }

        return [.. (await reader.AllAsync("Organization", parameters, access, ct).ConfigureAwait(false)).OfType<Organization>()];
    }

    private static FhirResponse Respond(FhirRequest request, string fileName, HealthHomes.Fhir.CareManagement.Calendar.EvaluationMoment asOf, IReadOnlyList<DeadlineResult> results) =>
        request.WantsCsv
            ? new FhirResponse(HttpStatusCode.OK) { Csv = CsvTable.Of(fileName, DeadlineResultCsv.Header, results.Select(DeadlineResultCsv.Row)) }
            : FhirResponse.Of(HttpStatusCode.OK, ToParameters(asOf, results));

    private static async Task<FhirResponse> RespondAsync(FhirRequest request, string fileName, HealthHomes.Fhir.CareManagement.Calendar.EvaluationMoment asOf, IReadOnlyList<DeadlineResult> own, IAsyncEnumerable<DeadlineResult> members, CancellationToken ct)
    {
        if (request.WantsCsv)
        {
            return new FhirResponse(HttpStatusCode.OK) { Csv = new CsvTable(fileName, DeadlineResultCsv.Header, Rows(own, members)) };
        }

        var results = new List<DeadlineResult>(own);
        await foreach (var result in members.WithCancellation(ct).ConfigureAwait(false))
        {
            results.Add(result);
        }

        return FhirResponse.Of(HttpStatusCode.OK, ToParameters(asOf, results));
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(IReadOnlyList<DeadlineResult> own, IAsyncEnumerable<DeadlineResult> members)
    {
        foreach (var result in own)
        {
            yield return DeadlineResultCsv.Row(result);
        }

        await foreach (var result in members.ConfigureAwait(false))
        {
            yield return DeadlineResultCsv.Row(result);
        }
    }

    /// <summary>asOf, a summary (one part per rule and state with its count), then every result.</summary>
    internal static Parameters ToParameters(HealthHomes.Fhir.CareManagement.Calendar.EvaluationMoment asOf, IReadOnlyList<DeadlineResult> results)
    {
        var parameters = new Parameters();
        parameters.Add("asOf", DeadlineResultParameters.Moment(asOf));
        foreach (var group in results.GroupBy(r => (Rule: string.Join(' ', r.Rules), r.State)).OrderBy(g => g.Key.Rule, StringComparer.Ordinal).ThenBy(g => g.Key.State))
        {
            parameters.Parameter.Add(new Parameters.ParameterComponent
            {
                Name = "summary",
                Part =
                [
                    .. group.First().Rules.Select(r => DeadlineResultParameters.Part("rule", new Code(r))),
                    DeadlineResultParameters.Part("state", new Code(group.Key.State.Code())),
                    DeadlineResultParameters.Part("count", new Integer(group.Count())),
                ],
            });
        }

        parameters.Parameter.AddRange(results.Select(r => r.ToParameter()));
        return parameters;
    }
}
