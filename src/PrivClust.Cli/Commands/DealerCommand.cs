using System.CommandLine;
using PrivClust.Net.Hosting;

namespace PrivClust.Cli.Commands;

/// <summary><c>privclust dealer</c>: the dealer daemon.</summary>
public static class DealerCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "gRPC endpoint (HTTP/2): https://0.0.0.0:7100 by default, http://0.0.0.0:7100 with --insecure-dev." };
        var httpUrl = new Option<string?>("--http-url") { Description = "Optional HTTP/1.1 endpoint for /healthz, /readyz and /metrics (e.g. http://0.0.0.0:7110)." };
        var certs = new Option<string?>("--certs") { Description = "Folder with ca.pem, dealer.pem and dealer.key (else --Dealer:Transport:CaPath=... etc.)." };
        var insecure = new Option<bool>("--insecure-dev") { Description = "Plaintext h2c without authentication (development only; logged as a warning at every start)." };
        var command = new Command("dealer", "Run the dealer: per-session seeds for the parties and party b's correction stream. Settings: --Dealer:Key=value or PRIVCLUST_Dealer__Key (docs/configuration.md).") { url, httpUrl, certs, insecure };
        command.TreatUnmatchedTokensAsErrors = false; // the rest goes to the host's configuration (e.g. --Dealer:SessionIdleTimeout=00:05:00)
        command.SetAction((result, cancellation) =>
        {
            bool insecureDev = result.GetValue(insecure);
            List<string> args = [.. TransportArguments.For("Dealer", "dealer", result.GetValue(certs), insecureDev), .. result.UnmatchedTokens];
            string endpoint = result.GetValue(url) ?? (insecureDev ? "http://0.0.0.0:7100" : "https://0.0.0.0:7100");
            return DaemonRunner.RunAsync(() => DealerHost.Build(endpoint, result.GetValue(httpUrl), [.. args]), cancellation);
        });
        return command;
    }
}
