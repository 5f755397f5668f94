using System.Net;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.CareManagement.Deadlines;
using HealthHomes.Fhir.CareManagement.Engagement;
using HealthHomes.Fhir.CareManagement.Records;
using HealthHomes.Fhir.Server.Rest;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.Server.Operations.CareManagement.DeadlineResultParameters;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// Patient/[id]/$engagement-status (GET or POST; program, asOf, atRiskDays): where outreach to the member stands in one
/// enrollment (docs/domain/engagement.md#engagement-statuses), why, the KanCare checklist that applies with each step,
/// the next action and when it is due, attempt counts, ECM-OUT-2X, KS-PANEL and KS-PAY. OperationDefinition
/// hh-engagement-status.
/// </summary>
public sealed class EngagementStatusOperation(MemberRecordLoader loader, ProgramEvaluation evaluation)
{
    public const string Name = "engagement-status";
    public const string Definition = "https://fhir.healthhomes.example/OperationDefinition/hh-engagement-status";

    private static readonly HashSet<string> Declared = ["program", "asOf", "atRiskDays"];

    public async Task<FhirResponse> EvaluateAsync(FhirRequest request, IResourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = OperationInput.Bind(request, Name, Declared);
        var program = input.Program();
        var asOf = input.AsOf(evaluation.Time);
        var context = evaluation.Context(asOf, input.Integer("atRiskDays", 0, 365));
        var record = await loader.LoadAsync(request.Id!, request.Access, ct).ConfigureAwait(false);
        var enrollment = ProgramEvaluation.EnrollmentFor(record, program, asOf);
        return FhirResponse.Of(HttpStatusCode.OK, Explain(record, enrollment, context));
    }

    /// <summary>The member's status in one enrollment, explained, as the operation's Parameters.</summary>
    internal static Parameters Explain(MemberRecord record, Enrollment enrollment, DeadlineContext context)
    {
        context = context.For(enrollment.Program);
        var assessment = EngagementEvaluator.Assess(record, enrollment, context);
        IReadOnlyList<DeadlineResult> outreachTwice = enrollment.Program.IsEcm
            ? [TwoOutreachAttemptsWithin30Days.EvaluateEnrollment(record, enrollment, context)]
            : [];
        return ToParameters(assessment, context.AsOf, outreachTwice);
    }

    internal static Parameters ToParameters(EngagementAssessment assessment, DateTimeOffset asOf, IReadOnlyList<DeadlineResult> outreachTwice)
    {
        var enrollment = assessment.Enrollment;
        var result = new Parameters();
        result.Add("program", new Code(enrollment.Program.Code));
        result.Add("enrollment", new ResourceReference(enrollment.Reference));
        result.Add("asOf", DateTime(asOf));
        result.Add("status", new Code(assessment.Status.Code()));
        result.Add("statusReason", new FhirString(assessment.StatusReason));
        if (assessment.Checklist is { } checklist)
        {
            result.Add("checklist", new Code(checklist));
        }

        foreach (var step in assessment.Steps)
        {
            var parameter = new Parameters.ParameterComponent { Name = "step" };
            parameter.Part.Add(Part("code", new Code(step.Code)));
            parameter.Part.Add(Part("done", new FhirBoolean(step.Done)));
            parameter.Part.AddRange(step.Evidence.Select(e => Part("evidence", new ResourceReference(e))));
            if (step.Rule is { } rule)
            {
                parameter.Part.Add(Part("rule", new Code(rule)));
            }

            result.Parameter.Add(parameter);
        }

        if (assessment.NextAction is { } next)
        {
            var parameter = new Parameters.ParameterComponent { Name = "nextAction" };
            parameter.Part.Add(Part("code", new Code(next.Code)));
            if (next.Due is { } due)
            {
                parameter.Part.Add(Part("due", DateTime(due)));
            }

            if (next.Rule is { } rule)
            {
                parameter.Part.Add(Part("rule", new Code(rule)));
            }

            parameter.Part.Add(Part("explanation", new FhirString(next.Explanation)));
            result.Parameter.Add(parameter);
        }

        result.Parameter.Add(Attempts(assessment.Attempts));
        result.Parameter.AddRange(outreachTwice.Select(r => r.ToParameter("outreachTwice")));
        result.Add("panelRemovalAllowed", new FhirBoolean(assessment.PanelRemovalAllowed));
        var panel = new Parameters.ParameterComponent { Name = "panelRemoval" };
        panel.Part.Add(Part("rule", new Code(RuleIds.KsPanel)));
        panel.Part.Add(Part("allowed", new FhirBoolean(assessment.PanelRemovalAllowed)));
        panel.Part.AddRange(assessment.PanelRemovalEvidence.Select(e => Part("evidence", new ResourceReference(e))));
        result.Parameter.Add(panel);
        result.Add("outreachPaymentEligible", new FhirBoolean(assessment.OutreachPaymentEligible));
        var payment = new Parameters.ParameterComponent { Name = "outreachPayment" };
        payment.Part.Add(Part("rule", new Code(RuleIds.KsPay)));
        payment.Part.Add(Part("eligible", new FhirBoolean(assessment.OutreachPaymentEligible)));
        payment.Part.Add(Part("reason", new FhirString(assessment.OutreachPaymentReason)));
        result.Parameter.Add(payment);
        foreach (var evidence in assessment.Evidence)
        {
            result.Add("evidence", new ResourceReference(evidence));
        }

        return result;
    }

    /// <summary>attempts: total, then one part per (dimension, code) with its count.</summary>
    private static Parameters.ParameterComponent Attempts(AttemptCounts counts)
    {
        var parameter = new Parameters.ParameterComponent { Name = "attempts" };
        parameter.Part.Add(Part("total", new Integer(counts.Total)));
        foreach (var (dimension, values) in new[] { ("modality", counts.ByModality), ("timeOfDay", counts.ByTimeOfDay), ("weekday", counts.ByWeekday) })
        {
            foreach (var (code, count) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                parameter.Part.Add(new Parameters.ParameterComponent
                {
                    Name = dimension,
                    Part = [Part("code", new Code(code)), Part("count", new Integer(count))],
                });
            }
        }

        return parameter;
    }
}
