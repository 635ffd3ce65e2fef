using PrivClust.Core.Clustering;
using PrivClust.Core.Protocols;

namespace PrivClust.Net.Party;

/// <summary>
/// The seam between the daemon and the secure algorithms. The job manager calls <see cref="Run"/> on a
/// dedicated thread with a ready session (peer link, dealer correlations, common seed); the engine blocks in
/// the session's channel, reports each finished iteration, honours the cancellation and returns this party's
/// outputs. The production implementation adapts <c>SecureClustering.Run</c>.
/// </summary>
public interface IJobEngine
{
    EngineResult Run(PartySession session, JobSpec spec, PartyTable data, IProgress<EngineProgress> progress, CancellationToken cancellation);
}
