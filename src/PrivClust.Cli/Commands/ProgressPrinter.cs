using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>
/// Live progress of a job from the Watch stream (public facts only: iteration, elapsed time, rounds, bytes).
/// On a terminal one line is rewritten in place; when redirected, each change is a line of its own.
/// </summary>
public sealed class ProgressPrinter(TextWriter output, bool inPlace, string label = "")
{
    private int _lastIteration = -1;
    private JobState _lastState = JobState.Unspecified;
    private bool _open;

    public static ProgressPrinter ForStandardError(string label = "") => new(Console.Error, !Console.IsErrorRedirected, label);

    public void Show(JobProgressUpdate update)
    {
        if (update.Iteration == _lastIteration && update.State == _lastState)
        {
            return;
        }
        _lastIteration = update.Iteration;
        _lastState = update.State;
        string line = $"{label}{update.State.ToString().ToLowerInvariant(),-9}  iteration {update.Iteration,4}  {update.ElapsedMs / 1000.0,8:0.000} s  "
            + $"{update.Rounds,8} rounds  {Bytes(update.BytesSent + update.BytesReceived),10}";
        if (inPlace)
        {
            output.Write("\r" + line);
            _open = true;
        }
        else
        {
            output.WriteLine(line);
        }
    }

    /// <summary>A line of its own (e.g. the job id, for <c>privclust watch</c> or <c>cancel</c>).</summary>
    public void Announce(string line)
    {
        Done();
        output.WriteLine(label + line);
    }

    /// <summary>Ends the in-place line, if any.</summary>
    public void Done()
    {
        if (_open)
        {
            output.WriteLine();
            _open = false;
        }
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 10L << 20 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        >= 10L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
