using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Security;

/// <summary>With Security:Enabled=false, says so loudly at startup and again every Security:DisabledWarningMinutes.</summary>
public sealed partial class SecurityOffWarning(IOptions<SecurityOptions> options, ILogger<SecurityOffWarning> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Enabled)
        {
            return;
        }

        var period = TimeSpan.FromMinutes(Math.Max(options.Value.DisabledWarningMinutes, 0.01));
        using var timer = new PeriodicTimer(period, clock);
        do
        {
            SecurityIsOff(logger);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SECURITY IS OFF (Security:Enabled=false): no token is asked for, and anyone who can reach this port reads and changes every member's record. Use this for local experiments only.")]
    private static partial void SecurityIsOff(ILogger logger);
}
