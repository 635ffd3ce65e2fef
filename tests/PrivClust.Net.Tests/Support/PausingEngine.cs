using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Protocols;
using PrivClust.Net.Party;

namespace PrivClust.Net.Tests.Support;

/// <summary>
/// The production engine, except that once <see cref="Arm"/>ed, party <paramref name="party"/>'s job (b by default) stops
/// for good right after writing checkpoint <paramref name="pauseAfter"/> (its thread blocks, as a process would be frozen
/// before being killed), and <see cref="Paused"/> completes: a test can then kill that party at an iteration boundary, or
/// break its link and <see cref="Release"/> it. It pauses once.
/// </summary>
internal sealed class PausingEngine(long pauseAfter, int party = 1) : IJobEngine
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _hold = new(false);
    private volatile bool _armed;

    public Task Paused => _paused.Task;

    /// <summary>The checkpoints jobs were resumed from (by either party), in the order they started.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<JobCheckpoint> ResumedFrom { get; } = new();

    public long PauseAfter => pauseAfter;

    public void Arm() => _armed = true;

    /// <summary>Lets the paused job go on (a process that was never killed).</summary>
    public void Release() => _hold.Set();

    public JobResult Run(PartySession session, JobSpec spec, JobShape shape, PartyTable data, IProgress<JobProgress> progress, CancellationToken cancellation) =>
        new SecureClusteringEngine().Run(session, spec, shape, data, progress, cancellation);

    public JobResult Run(PartySession session, JobSpec spec, JobShape shape, PartyTable data, IProgress<JobProgress> progress, CancellationToken cancellation,
        JobCheckpointing checkpointing)
    {
        if (checkpointing.ResumeFrom is { } from)
        {
            ResumedFrom.Enqueue(from);
        }
        if (_armed && session.PartyIndex == party)
        {
            checkpointing = checkpointing with { Sink = new PausingSink(checkpointing.Sink, this) };
        }
        return new SecureClusteringEngine().Run(session, spec, shape, data, progress, cancellation, checkpointing);
    }

    private sealed class PausingSink(ICheckpointSink inner, PausingEngine engine) : ICheckpointSink
    {
        public void Save(JobCheckpoint checkpoint)
        {
            inner.Save(checkpoint);
            if (checkpoint.Number >= engine.PauseAfter && engine._paused.TrySetResult())
            {
                engine._hold.Wait();
            }
        }
    }
}
