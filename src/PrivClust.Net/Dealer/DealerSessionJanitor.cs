using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivClust.Net.Dealer;

/// <summary>Periodically drops dealer sessions that have been idle too long.</summary>
public sealed partial class DealerSessionJanitor(DealerSessionStore store, IOptions<DealerOptions> options, ILogger<DealerSessionJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            int removed = store.RemoveExpired();
            if (removed > 0)
            {
                LogExpired(logger, removed);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {Count} idle dealer session(s).")]
    private static partial void LogExpired(ILogger logger, int count);
}
