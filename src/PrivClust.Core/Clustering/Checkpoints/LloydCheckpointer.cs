using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>Turns the k-means loop's boundaries into numbered <see cref="JobCheckpoint"/>s for the sink.</summary>
internal sealed class LloydCheckpointer(PartySession session, ICheckpointSink sink, (double Offset, double Scale)[] statistics, SharedData data,
    JobCheckpoint? resume)
{
    private long _number = resume?.Number ?? -1;
    private JobCheckpoint? _resume = resume;

    public IReadOnlyList<LloydOutcome> FinishedRestarts { get; } = resume?.FinishedRestarts ?? [];

    /// <summary>The loop state to resume restart <paramref name="restart"/> from, once; null when it starts afresh.</summary>
    public LloydState? ResumeAt(int restart)
    {
        if (_resume is null || _resume.Restart != restart)
        {
            return null;
        }
        LloydState state = _resume.Lloyd;
        _resume = null;
        return state;
    }

    /// <summary>The boundary callback of restart <paramref name="restart"/>, with the restarts finished before it.</summary>
    public Action<LloydState> At(int restart, IEnumerable<LloydOutcome> finished)
    {
        LloydOutcome[] done = finished.ToArray();
        return state => sink.Save(new JobCheckpoint(++_number, session.Capture(), statistics, data.Capture(), restart, done, state));
    }
}
