using System.Runtime.CompilerServices;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>
/// The process-wide match timeout of every Regex built without its own (AppContext REGEX_DEFAULT_MATCH_TIMEOUT): a
/// pattern from a client (an uploaded profile's invariant, a pattern in any library we call) then fails with
/// RegexMatchTimeoutException instead of backtracking for hours. .NET reads the value once, when the first Regex of
/// the process is built, so it is set as the module loads: before Program's first line, and before the tests' first
/// request. Our own patterns carry their own timeouts.
/// </summary>
public static class RegexMatchLimit
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(2);

    [ModuleInitializer]
    public static void Apply() => AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", Default);
}
