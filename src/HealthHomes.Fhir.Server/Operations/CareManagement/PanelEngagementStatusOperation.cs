using System.Globalization;
using System.Net;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// GET Patient/$engagement-status?organization=&amp;program=&amp;status=: the engagement status of every member of a
/// panel (an organization's, or every enrolled member), a page at a time, ordered by the next action's due instant
/// (_sort=due, the default: soonest first, members with nothing due last; _sort=-due: latest first). The whole panel is
/// evaluated for each page (the status is derived, never stored) and only the page's members are explained in full:
/// a searchset Bundle whose entries are the members' $engagement-status Parameters (each with a `member` parameter),
/// with total and self/next/previous links (_count, _offset).
/// </summary>
public sealed class PanelEngagementStatusOperation(MemberRecordLoader loader, PanelLoader panels, ProgramEvaluation evaluation)
{
    private const int DefaultCount = 50;
    private const int MaxCount = 1000;

    private static readonly HashSet<string> Declared = ["organization", "program", "status", "asOf", "atRiskDays", "_count", "_offset", "_sort"];

    public async Task<FhirResponse> EvaluateAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = OperationInput.Bind(request, EngagementStatusOperation.Name, Declared);
        var program = input.Program();
        var organization = input.String("organization");
        if (organization is not null && !organization.StartsWith("Organization/", StringComparison.Ordinal))
        {
            throw FhirRequestException.BadRequest($"$engagement-status: organization is a reference 'Organization/id', not '{organization}'.", "organization");
        }

        var statuses = input.Strings("status").SelectMany(s => s.Split(','))
            .Select(s => EngagementStatusCodes.Parse(s) ?? throw FhirRequestException.BadRequest($"$engagement-status: unknown status '{s}' (docs/domain/engagement.md#engagement-statuses).", "status"))
            .ToHashSet();
        var count = input.Integer("_count", 1, MaxCount) ?? DefaultCount;
        var offset = input.Integer("_offset", 0, int.MaxValue) ?? 0;
        var descending = input.String("_sort") switch
        {
            null or "due" => false,
            "-due" => true,
            var other => throw FhirRequestException.BadRequest($"$engagement-status: _sort is due or -due, not '{other}'.", "_sort"),
        };
        var asOf = input.AsOf(evaluation.Time);
        var context = evaluation.Context(asOf, input.Integer("atRiskDays", 0, 365));

        var rows = new List<(string Patient, DateTimeOffset? Due)>();
        await foreach (var batch in panels.MembersAsync(new PanelScope(organization, program), request.Access, ct).ConfigureAwait(false))
        {
            var assessed = new (string Patient, EngagementAssessment? Assessment)[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
                assessed[i] = (batch[i].Patient.Id!, ProgramEvaluation.TryEnrollmentFor(batch[i], program, asOf) is { } enrollment ? EngagementEvaluator.Assess(batch[i], enrollment, context) : null));
            rows.AddRange(assessed.Where(a => a.Assessment is not null && (statuses.Count == 0 || statuses.Contains(a.Assessment.Status)))
                .Select(a => (a.Patient, a.Assessment!.NextAction?.Due)));
        }

        var ordered = (descending
                ? rows.OrderBy(r => r.Due is null).ThenByDescending(r => r.Due)
                : rows.OrderBy(r => r.Due is null).ThenBy(r => r.Due))
            .ThenBy(r => r.Patient, StringComparer.Ordinal)
            .ToList();
        var page = ordered.Skip(offset).Take(count).Select(r => r.Patient).ToList();
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = ordered.Count };
        foreach (var entry in await PageAsync(page, program, context, request.Access, ct).ConfigureAwait(false))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = entry, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        }

        AddLinks(bundle, request, offset, count, ordered.Count);
        return FhirResponse.Of(HttpStatusCode.OK, bundle);
    }

    /// <summary>The page's members explained in full, in page order.</summary>
    private async Task<List<Parameters>> PageAsync(List<string> patients, CareProgram? program, DeadlineContext context, AccessFilter access, CancellationToken ct)
    {
        var result = new List<Parameters>(patients.Count);
        foreach (var id in patients)
        {
            var record = await loader.LoadAsync(id, access, ct).ConfigureAwait(false);
            var enrollment = ProgramEvaluation.EnrollmentFor(record, program, context.Moment);
            var parameters = EngagementStatusOperation.Explain(record, enrollment, context);
            parameters.Parameter.Insert(0, new Parameters.ParameterComponent { Name = "member", Value = new ResourceReference(record.PatientReference) });
            result.Add(parameters);
        }

        return result;
    }

    private static void AddLinks(Bundle bundle, FhirRequest request, int offset, int count, int total)
    {
        var kept = request.Query.Where(q => q.Key is not "_offset").ToList();
        string Url(int at) => $"{request.BaseUrl}/Patient/$engagement-status?" + string.Join('&',
            kept.Append(new("_offset", at.ToString(CultureInfo.InvariantCulture))).Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Url(offset) });
        if (offset + count < total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Url(offset + count) });
        }

        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = Url(Math.Max(0, offset - count)) });
        }
    }
}
