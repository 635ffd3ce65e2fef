using System.CommandLine;
using PrivClust.Net.Hosting;

namespace PrivClust.Cli.Commands;

/// <summary><c>privclust party --config FILE</c>: a party daemon.</summary>
public static class PartyCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "JSON configuration (section \"Party\"); PRIVCLUST_ environment variables and --Party:Key=value override it.", Required = true };
        var insecure = new Option<bool>("--insecure-dev") { Description = "Plaintext h2c without authentication (development only; logged as a warning at every start). Same as Party:Transport:InsecureDev." };
        var command = new Command("party", "Run a party daemon: peer link, dealer client, job manager and control API; /healthz, /readyz and /metrics on Party:HttpUrl. Every key: docs/configuration.md.") { config, insecure };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellation) =>
        {
            FileInfo file = result.GetValue(config)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"privclust: --config: no file {file.FullName}");
                return Task.FromResult(ExitCodes.UsageOrDataError);
            }
            List<string> args = [.. TransportArguments.For("Party", "", null, result.GetValue(insecure)), .. result.UnmatchedTokens];
            return DaemonRunner.RunAsync(() => PartyHost.Build(file.FullName, [.. args]), cancellation);
        });
        return command;
    }
}
