using System.Globalization;
using System.Net;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Ecm;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Server.Validation;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// Patient/[id]/$assign-ecm-provider (ECM-ASSIGN-10BD; POST, or GET with dryRun=true; preferredProvider, dryRun,
/// asOf): runs <see cref="EcmProviderAssignment.Assign"/> over the member's record, the ECM provider directory and
/// the configured CareManagement:DefaultEcmProvider, and answers a Parameters saying which provider was chosen, by
/// which step and why each step did or did not choose. Not a dry run: the EpisodeOfCare update (with the version
/// read: a concurrent change is a 412, nothing written), the CareTeam with the Lead Care Manager slot and the
/// notification Communications are written in the request's one write session through <see cref="ValidatingWrite"/>
/// (profiles enforced; new resources get server-assigned ids; EpisodeOfCare.team gains the CareTeam). A domain failure
/// is its 409/422 with an OperationOutcome naming the rule; nothing is written. OperationDefinition hh-assign-ecm-provider.
/// </summary>
public sealed class AssignEcmProviderOperation(ProgramEvaluation evaluation, ValidatingWrite writer)
{
    public const string Name = "assign-ecm-provider";
    public const string Definition = "https://fhir.healthhomes.example/OperationDefinition/hh-assign-ecm-provider";

    private static readonly HashSet<string> Declared = ["preferredProvider", "dryRun", "asOf"];

    /// <summary>GET: a dry run only (an operation that changes the record is not run by GET).</summary>
    public Task<FhirResponse> DryRunAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = Input.From(OperationInput.Bind(request, Name, Declared), evaluation.Time);
        return input.DryRun
            ? RunAsync(request, input, reader, session: null, ct)
            : throw FhirRequestException.BadRequest($"GET ${Name} only previews an assignment: add dryRun=true, or POST a Parameters body to assign.", "dryRun");
    }

    /// <summary>POST: assigns (or previews with dryRun=true) inside the request's write session.</summary>
    public Task<FhirResponse> AssignAsync(FhirRequest request, IWriteSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = Input.From(OperationInput.Bind(request, Name, Declared), evaluation.Time);
        return RunAsync(request, input, session, input.DryRun ? null : session, ct);
    }

    private async Task<FhirResponse> RunAsync(FhirRequest request, Input input, IResourceReader reader, IWriteSession? session, CancellationToken ct)
    {
        // Inside a write session the record is read through it, so what is decided on is what gets replaced.
        var record = await new MemberRecordLoader(reader).LoadAsync(request.Id!, request.Access, ct).ConfigureAwait(false);
        var settings = evaluation.Settings;
        var directory = await EcmDirectoryLoader.LoadAsync(reader, record, [input.PreferredProvider, settings.DefaultEcmProvider], request.Access, ct).ConfigureAwait(false);
        var result = EcmProviderAssignment.Assign(record, directory.Organizations, directory.PractitionerRoles, input.PreferredProvider, settings, input.AsOf);
        if (result.Failure is { } failure)
        {
            throw Refusal(failure);
        }

        var decision = result.Decision!;
        var parameters = AssignmentParameters.From(decision, input.AsOf, input.DryRun);
        if (session is null)
        {
            parameters.Parameter.AddRange(decision.Resources.Select(r => new Parameters.ParameterComponent { Name = "wouldWrite", Resource = r }));
            return FhirResponse.Of(HttpStatusCode.OK, parameters);
        }

        var issues = new List<OperationOutcome.IssueComponent>();
        foreach (var (resource, expectedVersion) in Planned(decision))
        {
            var (stored, warnings) = await writer.WriteAsync(session, resource, expectedVersion, ct).ConfigureAwait(false);
            issues.AddRange(warnings);
            parameters.Add("written", new ResourceReference($"{stored.ResourceType}/{stored.Id}"));
        }

        return new FhirResponse(HttpStatusCode.OK)
        {
            Resource = parameters,
            Outcome = issues.Count == 0 ? null : new OperationOutcome { Issue = issues },
        };
    }

    /// <summary>What to write, in order: the CareTeam and Communications with new ids, then the EpisodeOfCare (pointing at the CareTeam) at the version read.</summary>
    private static IEnumerable<(Resource Resource, int? ExpectedVersion)> Planned(AssignmentDecision decision)
    {
        decision.CareTeam.Id = FhirIds.NewId();
        yield return (decision.CareTeam, null);
        foreach (var communication in new[] { decision.ProviderNotification, decision.PcpNotification }.OfType<Communication>())
        {
            communication.Id = FhirIds.NewId();
            yield return (communication, null);
        }

        var enrollment = decision.Enrollment;
        enrollment.Team.Add(new ResourceReference("CareTeam/" + decision.CareTeam.Id));
        var version = int.TryParse(enrollment.Meta?.VersionId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var read) ? read : (int?)null;
        yield return (enrollment, version);
    }

    /// <summary>A domain failure as its HTTP status: the rule and the reason first, then each step tried as information.</summary>
    private static FhirRequestException Refusal(AssignmentFailure failure)
    {
        var status = (HttpStatusCode)failure.HttpStatus;
        var main = FhirRequestException.Issue(
            status == HttpStatusCode.Conflict ? OperationOutcome.IssueType.Conflict : OperationOutcome.IssueType.BusinessRule,
            $"{failure.Rule} ({failure.Code}): {failure.Message}");
        main.Details = new CodeableConcept { Text = $"{failure.Rule} {failure.Code}" };
        var steps = failure.Steps.Select(s => FhirRequestException.Issue(OperationOutcome.IssueType.Informational,
            $"{s.Step}: {s.Explanation}", severity: OperationOutcome.IssueSeverity.Information));
        return new FhirRequestException(status, [main, .. steps]);
    }

    private sealed record Input(string? PreferredProvider, bool DryRun, DateTimeOffset AsOf)
    {
        public static Input From(OperationInput input, TimeProvider time) =>
            new(input.OrganizationReference("preferredProvider"), input.Boolean("dryRun") ?? false, input.AsOf(time).In(HealthHomes.Fhir.CareManagement.CareProgram.EnhancedCareManagement));
    }
}

/// <summary>The Parameters answer of $assign-ecm-provider (without what was written).</summary>
public static class AssignmentParameters
{
    public static Parameters From(AssignmentDecision decision, DateTimeOffset asOf, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var result = new Parameters();
        result.Add("rule", new Code(decision.Rule));
        result.Add("asOf", DeadlineResultParameters.DateTime(asOf));
        result.Add("dryRun", new FhirBoolean(dryRun));
        result.Add("enrollment", new ResourceReference("EpisodeOfCare/" + decision.Enrollment.Id));
        result.Add("chosenProvider", new ResourceReference(decision.ChosenOrganization));
        result.Add("step", new Code(decision.Step));
        foreach (var step in decision.Steps)
        {
            var parameter = new Parameters.ParameterComponent { Name = "considered" };
            parameter.Part.Add(DeadlineResultParameters.Part("step", new Code(step.Step)));
            parameter.Part.Add(DeadlineResultParameters.Part("chosen", new FhirBoolean(step.Chosen)));
            if (step.Candidate is { } candidate)
            {
                parameter.Part.Add(DeadlineResultParameters.Part("candidate", new ResourceReference(candidate)));
            }

            parameter.Part.Add(DeadlineResultParameters.Part("explanation", new FhirString(step.Explanation)));
            result.Parameter.Add(parameter);
        }

        result.Add("assignmentDate", new Date(decision.AssignmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var pcp = new Parameters.ParameterComponent { Name = "pcpNotification" };
        if (decision.PcpNotification?.Recipient.FirstOrDefault()?.Reference is { } recipient)
        {
            pcp.Part.Add(DeadlineResultParameters.Part("recipient", new ResourceReference(recipient)));
        }

        pcp.Part.Add(DeadlineResultParameters.Part("explanation", new FhirString(decision.PcpNotificationExplanation)));
        result.Parameter.Add(pcp);
        return result;
    }
}
