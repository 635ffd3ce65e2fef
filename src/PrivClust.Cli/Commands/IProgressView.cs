using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>How a client command shows a job's progress (live display, plain lines, JSON lines or nothing), on stderr.</summary>
public interface IProgressView
{
    /// <summary>The job was submitted (its id, for <c>privclust watch</c> or <c>cancel</c>).</summary>
    void Submitted(string jobId);

    /// <summary>An update from the daemon's Watch stream.</summary>
    void Show(JobProgressUpdate update);

    /// <summary>The stream ended: finishes the display.</summary>
    Task DoneAsync();
}
