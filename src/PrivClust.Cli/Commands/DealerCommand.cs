using System.CommandLine;
using PrivClust.Net.Hosting;

namespace PrivClust.Cli.Commands;

/// <summary><c>privclust dealer</c>: the dealer daemon.</summary>
public static class DealerCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "gRPC endpoint (HTTP/2).", DefaultValueFactory = _ => "http://0.0.0.0:7100" };
        var httpUrl = new Option<string?>("--http-url") { Description = "Optional HTTP/1.1 endpoint for /healthz and /readyz." };
        var command = new Command("dealer", "Run the dealer: per-session seeds for the parties and party b's correction stream.") { url, httpUrl };
        command.TreatUnmatchedTokensAsErrors = false; // the rest goes to the host's configuration (e.g. --Dealer:SessionIdleTimeout=00:05:00)
        command.SetAction((result, cancellation) => DaemonRunner.RunAsync(
            () => DealerHost.Build(result.GetValue(url)!, result.GetValue(httpUrl), [.. result.UnmatchedTokens]),
            cancellation));
        return command;
    }
}
