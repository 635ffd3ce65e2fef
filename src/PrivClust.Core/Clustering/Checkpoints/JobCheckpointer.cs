using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// Turns a job's boundaries (of any algorithm) into numbered <see cref="JobCheckpoint"/>s for the sink, and holds the
/// algorithm state to resume from.
/// </summary>
internal sealed class JobCheckpointer(PartySession session, ICheckpointSink sink, (double Offset, double Scale)[] statistics, SharedData data,
    JobCheckpoint? resume)
{
    private long _number = resume?.Number ?? -1;

    /// <summary>The algorithm state of the checkpoint resumed from; null when the job starts afresh.</summary>
    public AlgorithmState? Resume { get; } = resume?.State;

    public void Save(AlgorithmState state) => sink.Save(new JobCheckpoint(++_number, session.Capture(), statistics, data.Capture(), state));

    /// <summary>The checkpoints of one k-means run (with its restarts), resumed from <paramref name="from"/> when given.</summary>
    public LloydCheckpointer Lloyd(KMeansState? from, Func<KMeansState, AlgorithmState> wrap) => new(this, from, wrap);
}
