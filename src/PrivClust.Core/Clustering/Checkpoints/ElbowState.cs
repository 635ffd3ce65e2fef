namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// An elbow sweep at a Lloyd boundary of one of its k-means runs: the ks finished before it (from k-min on, with their
/// opened losses) and the current run's state (its k is k-min plus the number finished).
/// </summary>
public sealed record ElbowState(IReadOnlyList<ElbowStep> Finished, KMeansState Current) : AlgorithmState
{
    public override Algorithm Algorithm => Algorithm.Elbow;
}
