using System.CommandLine;
using PrivClust.Net.Hosting;

namespace PrivClust.Cli.Commands;

/// <summary><c>privclust party --config FILE</c>: a party daemon.</summary>
public static class PartyCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "JSON configuration (section \"Party\"); PRIVCLUST_ environment variables and --Party:Key=value override it.", Required = true };
        var command = new Command("party", "Run a party daemon: peer link, dealer client, job manager and control API.") { config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellation) =>
        {
            FileInfo file = result.GetValue(config)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"privclust: --config: no file {file.FullName}");
                return Task.FromResult(ExitCodes.UsageOrDataError);
            }
            return DaemonRunner.RunAsync(() => PartyHost.Build(file.FullName, [.. result.UnmatchedTokens]), cancellation);
        });
        return command;
    }
}
