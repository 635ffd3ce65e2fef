using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PrivClust.Cli.Commands;

/// <summary>Runs a daemon until it is stopped; a configuration or data error at start is one line on stderr and exit code 2.</summary>
public static class DaemonRunner
{
    public static async Task<int> RunAsync(Func<WebApplication> build, CancellationToken cancellation)
    {
        try
        {
            await using WebApplication app = build();
            await app.StartAsync(cancellation);
            await app.WaitForShutdownAsync(cancellation);
            return ExitCodes.Success;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("privclust: invalid configuration: " + string.Join(" ", e.Failures));
            return ExitCodes.UsageOrDataError;
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException or DirectoryNotFoundException or NotSupportedException or UriFormatException)
        {
            await Console.Error.WriteLineAsync("privclust: " + e.Message);
            return ExitCodes.UsageOrDataError;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("privclust: " + e.Message);
            return ExitCodes.RuntimeFailure;
        }
    }
}
