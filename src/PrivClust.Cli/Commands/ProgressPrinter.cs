using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>
/// Progress as plain text lines (public facts only: iteration, converged bit, elapsed time, rounds, bytes, rate):
/// each change is a line of its own. Used when stderr is not a terminal.
/// </summary>
public sealed class ProgressPrinter(TextWriter output, string label = "") : IProgressView
{
    private int _lastIteration = -1;
    private JobState _lastState = JobState.Unspecified;

    public void Submitted(string jobId) => output.WriteLine($"{label}job {jobId} submitted");

    public void Show(JobProgressUpdate update)
    {
        if (update.Iteration == _lastIteration && update.State == _lastState)
        {
            return;
        }
        _lastIteration = update.Iteration;
        _lastState = update.State;
        ProgressFacts f = ProgressFacts.Of(update, update.ElapsedMs);
        output.WriteLine($"{label}{f.State,-9}  iteration {f.Iteration,4}  converged {f.Converged,-3}  {f.Elapsed,9}  {f.Rounds,8} rounds  "
            + $"sent {f.Sent,10}  received {f.Received,10}  ({f.Rate})");
    }

    public Task DoneAsync() => Task.CompletedTask;

    public static string Bytes(long bytes) => bytes switch
    {
        >= 10L << 20 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        >= 10L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
