namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// The checkpoints of one k-means run with its restarts: its Lloyd boundaries become <see cref="KMeansState"/>s, wrapped
/// into the job's algorithm state (itself for k-means, an <see cref="ElbowState"/> for one k of an elbow sweep).
/// </summary>
internal sealed class LloydCheckpointer(JobCheckpointer job, KMeansState? resume, Func<KMeansState, AlgorithmState> wrap)
{
    private KMeansState? _resume = resume;

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
        return state => job.Save(wrap(new KMeansState(restart, done, state)));
    }
}
