using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>No progress at all (<c>--quiet</c>, or the second party of the demo).</summary>
public sealed class QuietProgressView : IProgressView
{
    public static readonly QuietProgressView Instance = new();

    public void Submitted(string jobId)
    {
    }

    public void Show(JobProgressUpdate update)
    {
    }

    public Task DoneAsync() => Task.CompletedTask;
}
