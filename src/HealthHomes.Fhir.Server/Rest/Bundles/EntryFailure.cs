using System.Net;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest.Bundles;

/// <summary>
/// An entry's error, located at its entry: the status and issues the single request would have had, with every issue's
/// diagnostics and expression pointing into the Bundle ("Bundle.entry[3]", "Bundle.entry[3].resource.id").
/// Errors the server does not recognise (bugs, cancellation) are not entry failures: they propagate unchanged.
/// </summary>
public static class EntryFailure
{
    /// <summary>The located error for <paramref name="exception"/>, or null when it is not a request error.</summary>
    public static FhirRequestException? From(Exception exception, int index, string description, string? resourceType)
    {
        if (exception is OperationCanceledException)
        {
            return null;
        }

        var (status, issues) = OperationOutcomeExceptionHandler.Map(exception);
        if ((int)status >= 500 && status != HttpStatusCode.NotImplemented)
        {
            return null;
        }

        var at = BundleEntryRequests.Location(index);
        return new FhirRequestException(status, issues.Select(i => Locate(i, at, description, resourceType)).ToList());
    }

    private static OperationOutcome.IssueComponent Locate(OperationOutcome.IssueComponent issue, string at, string description, string? resourceType)
    {
        var located = (OperationOutcome.IssueComponent)issue.DeepCopy();
        located.Diagnostics = $"{description}: {issue.Diagnostics}";
        var expressions = issue.Expression.Where(e => e is not null).Select(e => InEntry(e!, at, resourceType)).ToList();
        if (!expressions.Any(e => e.StartsWith(at, StringComparison.Ordinal)))
        {
            expressions.Insert(0, at);
        }

        located.Expression = expressions;
        return located;
    }

    /// <summary>"Patient.id" inside entry 3 is "Bundle.entry[3].resource.id"; other expressions (query parameters) stay.</summary>
    private static string InEntry(string expression, string at, string? resourceType)
    {
        if (resourceType is not null && (expression == resourceType || expression.StartsWith(resourceType + ".", StringComparison.Ordinal)))
        {
            return $"{at}.resource{expression[resourceType.Length..]}";
        }

        return expression;
    }
}
