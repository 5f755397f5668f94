using System.Text.RegularExpressions;
using Hl7.FhirPath.Expressions;

namespace HealthHomes.Fhir.Conformance.Validation.Plans;

/// <summary>
/// FHIRPath's matches() and replaceMatches() with a match timeout. The SDK's versions call the static Regex methods,
/// which run without a limit unless the process-wide default (REGEX_DEFAULT_MATCH_TIMEOUT) was set before the first
/// Regex of the process: a client-uploaded profile whose invariant uses a backtracking pattern such as '^(a+)+$' on
/// a long string would then run for hours. These throw <see cref="RegexMatchTimeoutException"/> instead, which the
/// constraint check reports as an error naming the invariant. Registered in a child table, so they win over the
/// standard library's entries of the same name and arity. The engine rethrows a function's failure as a message
/// only (no inner exception), so the timeout is also recorded for the evaluating thread (<see cref="TakeTimeout"/>).
/// </summary>
internal static class BoundedRegexFunctions
{
    [ThreadStatic]
    private static RegexMatchTimeoutException? t_timeout;

    /// <summary>Far above what a sane pattern needs on a FHIR string (microseconds), far below a stall.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static SymbolTable Over(SymbolTable standard)
    {
        var bounded = new SymbolTable(standard);
        bounded.Add("matches", (string focus, string regex) => Recorded(() => Regex.IsMatch(focus, regex, RegexOptions.None, MatchTimeout)), doNullProp: true);
        bounded.Add("replaceMatches", (string focus, string regex, string substitution)
            => Recorded(() => Regex.Replace(focus, regex, substitution, RegexOptions.None, MatchTimeout)), doNullProp: true);
        return bounded;
    }

    /// <summary>The match timeout this thread hit since the last call, if any (and forgets it).</summary>
    public static RegexMatchTimeoutException? TakeTimeout()
    {
        var timeout = t_timeout;
        t_timeout = null;
        return timeout;
    }

    private static T Recorded<T>(Func<T> match)
    {
        try
        {
            return match();
        }
        catch (RegexMatchTimeoutException e)
        {
            t_timeout = e;
            throw;
        }
    }
}
