using System.CommandLine;
using System.CommandLine.Help;

namespace PrivClust.Cli.Commands;

/// <summary>
/// Parses and runs the command line; a parse error is one line on stderr naming the option, and exit code 2. Ctrl-C or
/// SIGTERM cancels the running command and waits up to <see cref="TerminationTimeout"/> for it to clean up (a bench
/// stops its daemons, a client cancels its job) before the process exits.
/// </summary>
public static class CliParser
{
    /// <summary>How long a cancelled command may take to clean up (System.CommandLine's default is 2 s).</summary>
    public static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            string command = string.Join(' ', parsed.CommandResult.Command.Name);
            await Console.Error.WriteLineAsync($"privclust: {parsed.Errors[0].Message.ReplaceLineEndings(" ")} (see: privclust {command} --help)");
            return ExitCodes.UsageOrDataError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TerminationTimeout });
    }
}
