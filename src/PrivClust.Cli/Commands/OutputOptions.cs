using System.CommandLine;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>--quiet</c> and <c>--json</c>, shared by the commands that follow a job (kmeans, meanshift, elbow, demo, watch):
/// the progress display on stderr, and whether stdout gets the human-readable table or the result.json document.
/// </summary>
public static class OutputOptions
{
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "No progress display (the result is still printed)." };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "For scripts: progress as JSON lines on stderr, the final result.json on stdout, other messages on stderr.",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Json);
    }

    /// <summary>The progress display: none (--quiet), JSON lines (--json), live on a terminal, else plain lines.</summary>
    public static IProgressView Progress(ParseResult result)
    {
        if (result.GetValue(Quiet))
        {
            return QuietProgressView.Instance;
        }
        if (result.GetValue(Json))
        {
            return new JsonProgressView(Console.Error);
        }
        bool terminal = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        return terminal ? new LiveProgressView(Console.Error) : new ProgressPrinter(Console.Error);
    }

    /// <summary>Where messages such as "wrote ..." go: stdout, or stderr with --json (stdout holds only the result).</summary>
    public static TextWriter Messages(ParseResult result) => result.GetValue(Json) ? Console.Error : Console.Out;
}
