using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Protocols;

namespace PrivClust.Net.Party;

/// <summary>
/// The seam between the daemon and the secure algorithms. The job manager calls <see cref="Run"/> on a
/// dedicated thread with a ready session (peer link, dealer correlations, common seed) and the job's public
/// shape from the handshake; the engine blocks in the session's channel, reports each finished iteration,
/// honours the cancellation and returns this party's outputs.
/// </summary>
public interface IJobEngine
{
    JobResult Run(PartySession session, JobSpec spec, JobShape shape, PartyTable data, IProgress<JobProgress> progress, CancellationToken cancellation);

    /// <summary>The same, writing checkpoints to <paramref name="checkpointing"/> and resuming from its checkpoint when it has one.</summary>
    JobResult Run(PartySession session, JobSpec spec, JobShape shape, PartyTable data, IProgress<JobProgress> progress, CancellationToken cancellation,
        JobCheckpointing checkpointing) => Run(session, spec, shape, data, progress, cancellation);
}
