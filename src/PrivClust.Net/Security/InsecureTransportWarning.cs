using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PrivClust.Net.Security;

/// <summary>Logs, at every start of a daemon running with insecure-dev, that its links are plaintext and unauthenticated.</summary>
public sealed partial class InsecureTransportWarning(bool insecure, string daemon, ILogger<InsecureTransportWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (insecure)
        {
            LogInsecure(logger, daemon);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "INSECURE: the {Daemon} runs with --insecure-dev: plaintext HTTP/2, no authentication, anyone who can reach its port can call it. Development only.")]
    private static partial void LogInsecure(ILogger logger, string daemon);
}
