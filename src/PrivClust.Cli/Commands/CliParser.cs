using System.CommandLine;
using System.CommandLine.Help;

namespace PrivClust.Cli.Commands;

/// <summary>Parses and runs the command line; a parse error is one line on stderr naming the option, and exit code 2.</summary>
public static class CliParser
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            string command = string.Join(' ', parsed.CommandResult.Command.Name);
            await Console.Error.WriteLineAsync($"privclust: {parsed.Errors[0].Message.ReplaceLineEndings(" ")} (see: privclust {command} --help)");
            return ExitCodes.UsageOrDataError;
        }
        return await parsed.InvokeAsync();
    }
}
